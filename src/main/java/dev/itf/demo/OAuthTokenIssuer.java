package dev.itf.demo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The demo target's OAuth2 server: POST /oauth/token issues opaque bearer tokens (client_credentials and password
 * grants), GET /oauth/stats counts them so a test can tell a reused token from a new one.
 */
final class OAuthTokenIssuer {

    /** What a valid token stands for. */
    record Grant(String clientId, String user, String scope, Instant expiresAt) {
    }

    private final DemoOptions options;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Grant> tokens = new ConcurrentHashMap<>();
    private final AtomicLong issued = new AtomicLong();
    private final AtomicLong clientCredentials = new AtomicLong();
    private final AtomicLong password = new AtomicLong();

    OAuthTokenIssuer(DemoOptions options, Clock clock) {
        this.options = options;
        this.clock = clock;
    }

    void token(HttpExchange exchange) throws IOException {
        if (!"POST".equals(exchange.getRequestMethod())) {
            exchange.getResponseHeaders().set("Allow", "POST");
            Reply.error(exchange, 405, "request tokens with POST and a form body grant_type=...");
            return;
        }
        Map<String, String> form = Reply.form(Reply.body(exchange));
        String[] client = clientCredentials(exchange, form);
        if (client == null || !options.clientId().equals(client[0]) || !options.clientSecret().equals(client[1])) {
            exchange.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"itf-demo-oauth\"");
            oauthError(exchange, 401, "invalid_client", "unknown client or wrong client secret");
            return;
        }
        String grantType = form.getOrDefault("grant_type", "");
        String user = null;
        switch (grantType) {
            case "client_credentials" -> clientCredentials.incrementAndGet();
            case "password" -> {
                if (!options.basicUser().equals(form.get("username")) || !options.basicPassword().equals(form.get("password"))) {
                    oauthError(exchange, 400, "invalid_grant", "wrong user name or password");
                    return;
                }
                user = form.get("username");
                password.incrementAndGet();
            }
            default -> {
                oauthError(exchange, 400, "unsupported_grant_type", "grant_type must be client_credentials or password");
                return;
            }
        }
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        String scope = form.getOrDefault("scope", "");
        long ttl = options.tokenTtl().toSeconds();
        tokens.put(token, new Grant(client[0], user, scope, clock.instant().plus(options.tokenTtl())));
        issued.incrementAndGet();
        ObjectNode body = Reply.JSON.createObjectNode()
                .put("access_token", token).put("token_type", "Bearer").put("expires_in", ttl).put("scope", scope);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        Reply.json(exchange, 200, body);
    }

    void stats(HttpExchange exchange) throws IOException {
        Instant now = clock.instant();
        ObjectNode body = Reply.JSON.createObjectNode()
                .put("issued", issued.get())
                .put("active", tokens.values().stream().filter(g -> g.expiresAt().isAfter(now)).count());
        body.putObject("byGrant").put("client_credentials", clientCredentials.get()).put("password", password.get());
        Reply.json(exchange, 200, body);
    }

    /** The grant behind a token, or a reason it is not valid. */
    Optional<Grant> grant(String token) {
        return Optional.ofNullable(tokens.get(token));
    }

    boolean expired(Grant grant) {
        return !clock.instant().isBefore(grant.expiresAt());
    }

    /** Client id and secret from the Authorization: Basic header, or else from the form (client_id, client_secret). */
    private static String[] clientCredentials(HttpExchange exchange, Map<String, String> form) {
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        if (header != null && header.regionMatches(true, 0, "Basic ", 0, 6)) {
            String[] pair = BasicCredentials.decode(header.substring(6).trim());
            if (pair != null) {
                // RFC 6749 2.3.1: the client id and secret are form-encoded before they are put in the Basic header
                return new String[] {URLDecoder.decode(pair[0], StandardCharsets.UTF_8), URLDecoder.decode(pair[1], StandardCharsets.UTF_8)};
            }
            return null;
        }
        if (form.containsKey("client_id") && form.containsKey("client_secret")) {
            return new String[] {form.get("client_id"), form.get("client_secret")};
        }
        return null;
    }

    private static void oauthError(HttpExchange exchange, int status, String error, String description) throws IOException {
        Reply.json(exchange, status, Reply.JSON.createObjectNode().put("error", error).put("error_description", description));
    }
}
