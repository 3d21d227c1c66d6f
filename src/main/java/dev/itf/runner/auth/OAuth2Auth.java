package dev.itf.runner.auth;

import com.fasterxml.jackson.databind.JsonNode;
import dev.itf.http.Client;
import dev.itf.http.Request;
import dev.itf.http.Response;
import dev.itf.json.Json;
import dev.itf.api.AuthProfile;
import dev.itf.runner.StepContext;
import dev.itf.runner.HttpClients;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An OAuth2 access token from tokenUrl, client_credentials (default) or password grant. The client authenticates
 * with HTTP basic (client id and secret) and also sends client_id in the form. A token is fetched once and reused
 * by every case until shortly before it expires; a token without expires_in is kept for the whole run.
 */
final class OAuth2Auth implements AuthScheme {

    private static final Duration MAX_SKEW = Duration.ofSeconds(10);

    private final String profile;
    private final AuthProfile.OAuth2 spec;
    private final boolean passwordGrant;
    private final Credential clientSecret;
    private final Credential password;
    private final Clock clock;
    private final Map<String, Token> tokens = new ConcurrentHashMap<>();

    private record Token(String value, Instant renewAt) {
    }

    OAuth2Auth(String profile, AuthProfile.OAuth2 spec, Clock clock) {
        if (spec.tokenUrl == null || spec.tokenUrl.isBlank()) {
            throw new IllegalArgumentException("auth profile " + profile + ": oauth2.tokenUrl is required");
        }
        if (spec.clientId == null || spec.clientId.isBlank()) {
            throw new IllegalArgumentException("auth profile " + profile + ": oauth2.clientId is required");
        }
        String grant = spec.grant == null ? "client_credentials" : spec.grant;
        if (!grant.equals("client_credentials") && !grant.equals("password")) {
            throw new IllegalArgumentException("auth profile " + profile
                    + ": oauth2.grant must be client_credentials or password, not " + grant);
        }
        this.passwordGrant = grant.equals("password");
        if (passwordGrant && (spec.username == null || spec.username.isBlank())) {
            throw new IllegalArgumentException("auth profile " + profile + ": oauth2.username is required for the password grant");
        }
        this.profile = profile;
        this.spec = spec;
        this.clientSecret = spec.clientSecretRef == null && spec.clientSecret == null ? null
                : new Credential("oauth2.clientSecret", spec.clientSecretRef, "clientSecret", spec.clientSecret);
        this.password = new Credential("oauth2.password", spec.passwordRef, "password", spec.password);
        this.clock = clock;
    }

    @Override
    public void apply(AuthTarget target, StepContext ctx) throws Exception {
        target.header("Authorization", "Bearer " + token(ctx));
    }

    private String token(StepContext ctx) throws Exception {
        String url = ctx.render(spec.tokenUrl);
        String clientId = ctx.render(spec.clientId);
        String username = passwordGrant ? ctx.render(spec.username) : "";
        String cacheKey = url + "\n" + clientId + "\n" + username;
        Token current = tokens.get(cacheKey);
        if (current != null && clock.instant().isBefore(current.renewAt())) {
            return current.value();
        }
        // one fetch at a time per profile, so parallel cases that find the token expired fetch it once
        synchronized (this) {
            current = tokens.get(cacheKey);
            if (current != null && clock.instant().isBefore(current.renewAt())) {
                return current.value();
            }
            Token fresh = fetch(url, clientId, username, ctx);
            tokens.put(cacheKey, fresh);
            return fresh.value();
        }
    }

    private Token fetch(String url, String clientId, String username, StepContext ctx) throws Exception {
        List<String> form = new ArrayList<>();
        form.add(formField("grant_type", passwordGrant ? "password" : "client_credentials"));
        form.add(formField("client_id", clientId));
        if (passwordGrant) {
            form.add(formField("username", username));
            form.add(formField("password", password.value(profile, ctx)));
        }
        List<String> scopes = spec.scopes == null ? List.of() : spec.scopes.stream().map(ctx::render).toList();
        if (!scopes.isEmpty()) {
            form.add(formField("scope", String.join(" ", scopes)));
        }
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("auth profile " + profile + ": oauth2.tokenUrl " + url + " is not a URL");
        }
        Duration timeout = ctx.timeout();
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalStateException("auth profile " + profile + ": no time left for the token request to " + url
                    + "; raise the step or case timeout");
        }
        Request.Builder request;
        try {
            request = Request.to(uri).timeout(timeout)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .header("Accept", "application/json")
                    .method("POST", String.join("&", form));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("auth profile " + profile + ": oauth2.tokenUrl " + url + " is not an http(s) URL");
        }
        if (clientSecret != null) {
            String pair = urlEncode(clientId) + ":" + urlEncode(clientSecret.value(profile, ctx));
            String encoded = Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
            ctx.redactor().register(encoded);
            request.header("Authorization", "Basic " + encoded);
        }
        Instant sent = clock.instant();
        // the run's one HTTP stack: token requests share the steps' connection pool
        Client http = ctx.resources().shared(HttpClients.KEY, HttpClients::new).client(false, true);
        Response response;
        try {
            response = http.send(request.build());
        } catch (java.io.IOException e) {
            throw new IllegalStateException("auth profile " + profile + ": token request to " + url + " failed: "
                    + ctx.redactor().redact(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        }
        JsonNode body = parse(response.text());
        if (response.status() / 100 != 2) {
            String reason = body != null && body.hasNonNull("error") ? " (" + ctx.redactor().redact(body.get("error").asText()) + ")" : "";
            throw new IllegalStateException("auth profile " + profile + ": token request to " + url
                    + " failed: HTTP " + response.status() + reason);
        }
        if (body == null || !body.hasNonNull("access_token")) {
            throw new IllegalStateException("auth profile " + profile + ": token response from " + url
                    + " (HTTP " + response.status() + ") has no access_token");
        }
        String token = body.get("access_token").asText();
        ctx.redactor().register(token);
        Instant renewAt = Instant.MAX;
        String lifetime = "kept until the run ends";
        if (body.hasNonNull("expires_in")) {
            Duration expiresIn = Duration.ofMillis((long) (body.get("expires_in").asDouble() * 1000));
            Duration skew = expiresIn.dividedBy(10).compareTo(MAX_SKEW) < 0 ? expiresIn.dividedBy(10) : MAX_SKEW;
            renewAt = sent.plus(expiresIn).minus(skew);
            lifetime = "valid for " + expiresIn.toSeconds() + "s";
        }
        ctx.log("auth " + profile + ": fetched an oauth2 token from " + url + ", " + lifetime);
        return new Token(token, renewAt);
    }

    private static JsonNode parse(String body) {
        try {
            return body == null || body.isBlank() ? null : Json.MAPPER.readTree(body);
        } catch (java.io.IOException e) {
            return null;
        }
    }

    private static String formField(String name, String value) {
        return urlEncode(name) + "=" + urlEncode(value);
    }

    private static String urlEncode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
