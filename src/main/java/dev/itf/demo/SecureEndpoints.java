package dev.itf.demo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;

/** /secure/basic, /secure/apikey, /secure/jwt and /secure/oauth: 200 with who you are, or 401 with the reason. */
final class SecureEndpoints {

    private final DemoOptions options;
    private final Hs256Verifier jwt;
    private final OAuthTokenIssuer oauth;

    SecureEndpoints(DemoOptions options, Hs256Verifier jwt, OAuthTokenIssuer oauth) {
        this.options = options;
        this.jwt = jwt;
        this.oauth = oauth;
    }

    void basic(HttpExchange exchange) throws IOException {
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            unauthorized(exchange, "Basic realm=\"itf-demo\"", "missing basic credentials (Authorization: Basic ...)");
            return;
        }
        String[] pair = BasicCredentials.decode(header.substring(6).trim());
        if (pair == null) {
            unauthorized(exchange, "Basic realm=\"itf-demo\"", "malformed basic credentials: expected base64(user:password)");
            return;
        }
        if (!same(options.basicUser(), pair[0]) || !same(options.basicPassword(), pair[1])) {
            unauthorized(exchange, "Basic realm=\"itf-demo\"", "wrong user name or password");
            return;
        }
        Reply.json(exchange, 200, authenticated("basic").put("user", pair[0]));
    }

    void apiKey(HttpExchange exchange) throws IOException {
        String key = exchange.getRequestHeaders().getFirst("X-API-Key");
        String from = "header";
        if (key == null) {
            key = Reply.query(exchange).get("api_key");
            from = "query";
        }
        if (key == null) {
            unauthorized(exchange, "ApiKey", "missing API key: send the header X-API-Key or the query parameter api_key");
            return;
        }
        if (!same(options.apiKey(), key)) {
            unauthorized(exchange, "ApiKey", "wrong API key");
            return;
        }
        Reply.json(exchange, 200, authenticated("apiKey").put("in", from));
    }

    void jwt(HttpExchange exchange) throws IOException {
        String token = bearer(exchange);
        if (token == null) {
            unauthorized(exchange, "Bearer", "missing bearer token (Authorization: Bearer <jwt>)");
            return;
        }
        Hs256Verifier.Result result = jwt.verify(token);
        if (result.rejection() != null) {
            unauthorized(exchange, "Bearer error=\"invalid_token\"", result.rejection());
            return;
        }
        ObjectNode body = authenticated("jwt");
        body.set("claims", result.claims());
        Reply.json(exchange, 200, body);
    }

    void oauth(HttpExchange exchange) throws IOException {
        String token = bearer(exchange);
        if (token == null) {
            unauthorized(exchange, "Bearer", "missing bearer token: get one from POST /oauth/token");
            return;
        }
        var grant = oauth.grant(token);
        if (grant.isEmpty()) {
            unauthorized(exchange, "Bearer error=\"invalid_token\"", "unknown token: it was not issued by /oauth/token");
            return;
        }
        if (oauth.expired(grant.get())) {
            unauthorized(exchange, "Bearer error=\"invalid_token\"", "token expired at " + grant.get().expiresAt());
            return;
        }
        ObjectNode body = authenticated("oauth2").put("client", grant.get().clientId()).put("scope", grant.get().scope());
        if (grant.get().user() != null) {
            body.put("user", grant.get().user());
        }
        Reply.json(exchange, 200, body);
    }

    private static String bearer(HttpExchange exchange) {
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        String token = header.substring(7).trim();
        return token.isEmpty() ? null : token;
    }

    private static ObjectNode authenticated(String scheme) {
        return Reply.JSON.createObjectNode().put("authenticated", true).put("scheme", scheme);
    }

    private static void unauthorized(HttpExchange exchange, String challenge, String reason) throws IOException {
        exchange.getResponseHeaders().set("WWW-Authenticate", challenge);
        Reply.error(exchange, 401, reason);
    }

    /** Compares in constant time, so the demo does not teach timing leaks. */
    private static boolean same(String expected, String given) {
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
    }
}
