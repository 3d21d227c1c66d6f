package dev.itf.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsExchange;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * Two twins of a small accounts API for the security examples: /hardened/... does it right (HS256 JWTs verified,
 * owner checks, admin role, secure headers and cookies, strict CORS, HSTS, plain HTTP redirected, a rate-limited
 * login) and /weak/... does it wrong on purpose (any token whose claims parse is accepted, anyone reads any account,
 * full card numbers, a stack trace on a bad token, no secure headers, CORS reflecting any origin with credentials,
 * data over plain HTTP, no rate limit). Callers are identified by the token's sub claim; role admin may delete users.
 */
final class SecurityDemo {

    static final String HARDENED = "/hardened/";
    static final String WEAK = "/weak/";
    static final String ALLOWED_ORIGIN = "https://app.example.com";
    /** Login attempts the hardened twin allows per window before 429. */
    static final int LOGIN_LIMIT = 5;
    static final long LOGIN_WINDOW_MS = 10_000;

    private record Account(String id, String owner, String card, String email) {
    }

    private static final List<Account> ACCOUNTS = List.of(
            new Account("acc-alice", "alice", "4111111111111111", "alice@example.com"),
            new Account("acc-bob", "bob", "5555555555554444", "bob@example.com"));

    private final Hs256Verifier verifier;
    private final Clock clock;
    private final Deque<Long> logins = new ArrayDeque<>();
    private volatile int httpsPort = -1;

    SecurityDemo(Hs256Verifier verifier, Clock clock) {
        this.verifier = verifier;
        this.clock = clock;
    }

    /** Where plain HTTP requests to the hardened twin are redirected; -1 when there is no HTTPS listener. */
    void httpsPort(int port) {
        this.httpsPort = port;
    }

    void hardened(HttpExchange exchange) throws IOException {
        Headers h = exchange.getResponseHeaders();
        boolean https = exchange instanceof HttpsExchange;
        if (!https && httpsPort > 0) {
            String host = hostOnly(exchange.getRequestHeaders().getFirst("Host"));
            h.set("Location", "https://" + host + ":" + httpsPort + exchange.getRequestURI());
            Reply.empty(exchange, 301);
            return;
        }
        h.set("X-Content-Type-Options", "nosniff");
        h.set("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
        h.set("Referrer-Policy", "no-referrer");
        h.set("Cache-Control", "no-store");
        if (https) {
            h.set("Strict-Transport-Security", "max-age=63072000; includeSubDomains");
        }
        String origin = exchange.getRequestHeaders().getFirst("Origin");
        if (ALLOWED_ORIGIN.equals(origin)) {
            h.set("Access-Control-Allow-Origin", ALLOWED_ORIGIN);
            h.set("Access-Control-Allow-Credentials", "true");
            h.set("Vary", "Origin");
        }
        String path = exchange.getRequestURI().getPath().substring(HARDENED.length());
        String method = exchange.getRequestMethod();
        if (method.equals("OPTIONS")) {
            if (ALLOWED_ORIGIN.equals(origin)) {
                h.set("Access-Control-Allow-Methods", "GET, POST, DELETE");
                h.set("Access-Control-Allow-Headers", "authorization, content-type");
            }
            Reply.empty(exchange, 204);
            return;
        }
        if (path.equals("login") && method.equals("POST")) {
            if (!loginAllowed()) {
                h.set("Retry-After", "10");
                Reply.error(exchange, 429, "too many login attempts; try again later");
                return;
            }
            Reply.error(exchange, 401, "wrong user name or password");
            return;
        }
        JsonNode claims = verified(exchange);
        if (claims == null) {
            return;
        }
        String caller = claims.path("sub").asText();
        h.add("Set-Cookie", "session=" + Base64.getUrlEncoder().withoutPadding().encodeToString(caller.getBytes(StandardCharsets.UTF_8))
                + "; Path=/; Secure; HttpOnly; SameSite=Strict");
        if (path.equals("accounts") && method.equals("GET")) {
            ArrayNode list = Reply.JSON.createArrayNode();
            ACCOUNTS.stream().filter(a -> a.owner().equals(caller)).forEach(a -> list.add(masked(a)));
            Reply.json(exchange, 200, list);
        } else if (path.startsWith("accounts/") && method.equals("GET")) {
            Account a = find(path.substring("accounts/".length()));
            if (a == null || !a.owner().equals(caller)) {
                Reply.error(exchange, 404, "no such account");
                return;
            }
            Reply.json(exchange, 200, masked(a));
        } else if (path.startsWith("admin/users/") && method.equals("DELETE")) {
            if (!"admin".equals(claims.path("role").asText())) {
                Reply.error(exchange, 403, "only role admin may delete users");
                return;
            }
            Reply.empty(exchange, 204);
        } else {
            Reply.error(exchange, 404, "no endpoint at " + exchange.getRequestURI().getPath());
        }
    }

    void weak(HttpExchange exchange) throws IOException {
        Headers h = exchange.getResponseHeaders();
        h.set("Server", "demo-app/1.4.2");
        h.set("X-Powered-By", "Express 4.17.1");
        String origin = exchange.getRequestHeaders().getFirst("Origin");
        if (origin != null) {
            h.set("Access-Control-Allow-Origin", origin);
            h.set("Access-Control-Allow-Credentials", "true");
        }
        String path = exchange.getRequestURI().getPath().substring(WEAK.length());
        String method = exchange.getRequestMethod();
        if (method.equals("OPTIONS")) {
            h.set("Access-Control-Allow-Methods", "GET, POST, DELETE");
            Reply.empty(exchange, 204);
            return;
        }
        if (path.equals("login") && method.equals("POST")) {
            Reply.error(exchange, 401, "wrong user name or password");
            return;
        }
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            Reply.error(exchange, 401, "missing bearer token");
            return;
        }
        JsonNode claims;
        try {
            // the bug on purpose: the claims are read, the signature, algorithm and expiry never checked
            String[] parts = authorization.substring(7).trim().split("\\.");
            claims = Reply.JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
            claims.get("sub").asText();
        } catch (Exception e) {
            StringWriter trace = new StringWriter();
            new IllegalStateException("cannot read the token", e).printStackTrace(new PrintWriter(trace));
            Reply.text(exchange, 500, "text/plain", trace.toString());
            return;
        }
        h.add("Set-Cookie", "session=" + claims.path("sub").asText() + "; Path=/");
        if (path.equals("accounts") && method.equals("GET")) {
            ArrayNode list = Reply.JSON.createArrayNode();
            ACCOUNTS.forEach(a -> list.add(full(a)));
            Reply.json(exchange, 200, list);
        } else if (path.startsWith("accounts/") && method.equals("GET")) {
            Account a = find(path.substring("accounts/".length()));
            if (a == null) {
                Reply.error(exchange, 404, "no such account");
                return;
            }
            Reply.json(exchange, 200, full(a));
        } else if (path.startsWith("admin/users/") && method.equals("DELETE")) {
            Reply.empty(exchange, 204);
        } else {
            Reply.error(exchange, 404, "no endpoint at " + exchange.getRequestURI().getPath());
        }
    }

    private JsonNode verified(HttpExchange exchange) throws IOException {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer");
            Reply.error(exchange, 401, "missing bearer token");
            return null;
        }
        Hs256Verifier.Result r = verifier.verify(authorization.substring(7).trim());
        if (r.rejection() != null || !r.claims().hasNonNull("sub")) {
            exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer error=\"invalid_token\"");
            Reply.error(exchange, 401, "invalid token");
            return null;
        }
        return r.claims();
    }

    private synchronized boolean loginAllowed() {
        long now = clock.millis();
        while (!logins.isEmpty() && now - logins.peekFirst() > LOGIN_WINDOW_MS) {
            logins.pollFirst();
        }
        if (logins.size() >= LOGIN_LIMIT) {
            return false;
        }
        logins.addLast(now);
        return true;
    }

    private static Account find(String id) {
        return ACCOUNTS.stream().filter(a -> a.id().equals(id)).findFirst().orElse(null);
    }

    private static ObjectNode masked(Account a) {
        return Reply.JSON.createObjectNode().put("id", a.id()).put("owner", a.owner())
                .put("card", "**** **** **** " + a.card().substring(a.card().length() - 4));
    }

    private static ObjectNode full(Account a) {
        return Reply.JSON.createObjectNode().put("id", a.id()).put("owner", a.owner()).put("card", a.card()).put("email", a.email());
    }

    private static String hostOnly(String host) {
        if (host == null || host.isBlank()) {
            return "localhost";
        }
        if (host.startsWith("[")) {
            return host.substring(0, host.indexOf(']') + 1);
        }
        int colon = host.indexOf(':');
        return colon < 0 ? host : host.substring(0, colon);
    }

    /** The routes the index lists. */
    static Map<String, String> routes() {
        return Map.of(
                "GET /hardened/accounts, GET /hardened/accounts/{id}, DELETE /hardened/admin/users/{id}, POST /hardened/login",
                "the hardened twin (HS256 JWT with sub and role, as /secure/jwt verifies); login answers 429 after " + LOGIN_LIMIT
                        + " attempts in 10 s",
                "GET /weak/accounts, GET /weak/accounts/{id}, DELETE /weak/admin/users/{id}, POST /weak/login",
                "the weak twin: the same API with deliberate flaws for the failing security example");
    }
}
