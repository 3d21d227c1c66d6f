package dev.itf.runner.auth;

import dev.itf.json.Json;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.itf.api.AuthProfile;
import dev.itf.demo.DemoOptions;
import dev.itf.demo.DemoTarget;
import dev.itf.runner.Redactor;
import dev.itf.runner.RunResources;
import dev.itf.runner.TestStepContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Every auth scheme against the demo target, with passing and failing credentials. */
class AuthProfilesTest {

    private static final ObjectMapper YAML = Json.YAML;
    private static final ObjectMapper JSON = Json.MAPPER;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static DemoTarget target;
    private static DemoTarget shortLived;
    private static String base;
    private static String shortBase;

    @BeforeAll
    static void startDemoTargets() throws Exception {
        target = new DemoTarget(DemoOptions.defaults(0)).start();
        shortLived = new DemoTarget(DemoOptions.defaults(0).withTokenTtl(Duration.ofSeconds(3))).start();
        base = "http://localhost:" + target.port();
        shortBase = "http://localhost:" + shortLived.port();
    }

    @AfterAll
    static void stopDemoTargets() {
        target.close();
        shortLived.close();
    }

    /** The request being built: what the auth profile added. */
    private static final class Request implements AuthTarget {
        final Map<String, String> headers = new LinkedHashMap<>();
        final Map<String, String> query = new LinkedHashMap<>();

        @Override
        public void header(String name, String value) {
            headers.put(name, value);
        }

        @Override
        public void queryParam(String name, String value) {
            query.put(name, value);
        }

        HttpResponse<String> get(String url) throws Exception {
            StringBuilder uri = new StringBuilder(url);
            String sep = "?";
            for (var e : query.entrySet()) {
                uri.append(sep).append(e.getKey()).append('=').append(URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8));
                sep = "&";
            }
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(uri.toString()));
            headers.forEach(b::header);
            return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        }
    }

    private static AuthProfiles profiles(String yaml) throws Exception {
        Map<String, AuthProfile> map = YAML.readValue(yaml, new TypeReference<>() {
        });
        return new AuthProfiles(map);
    }

    private static TestStepContext ctx(Map<String, String> env) {
        return new TestStepContext(new RunResources(), new Redactor()).secrets(env)
                .var("baseUrl", base).var("shortUrl", shortBase).var("user", "alice");
    }

    private static HttpResponse<String> call(AuthProfiles profiles, String name, TestStepContext ctx, String path) throws Exception {
        Request request = new Request();
        profiles.apply(name, request, ctx);
        return request.get((path.startsWith("http") ? "" : base) + path);
    }

    private static long issued(String baseUrl) throws Exception {
        var r = HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl + "/oauth/stats")).build(), HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(r.body()).get("issued").asLong();
    }

    private static JsonNode json(HttpResponse<String> r) throws Exception {
        return JSON.readTree(r.body());
    }

    private static void assertNoLineContains(TestStepContext ctx, String... secrets) {
        for (String line : ctx.rawLines) {
            for (String s : secrets) {
                assertThat(line).doesNotContain(s);
            }
        }
    }

    @Test
    void basicInlineAndFromSecret() throws Exception {
        AuthProfiles p = profiles("""
                inline: {basic: {username: demo, password: demo-pass}}
                secret: {basic: {secretRef: {name: demo-basic}}}
                wrong:  {basic: {username: demo, password: not-the-password}}
                """);
        TestStepContext ctx = ctx(Map.of("ITF_SECRET_DEMO_BASIC_USERNAME", "demo", "ITF_SECRET_DEMO_BASIC_PASSWORD", "demo-pass"));

        assertThat(call(p, "inline", ctx, "/secure/basic").statusCode()).isEqualTo(200);
        HttpResponse<String> fromSecret = call(p, "secret", ctx, "/secure/basic");
        assertThat(fromSecret.statusCode()).isEqualTo(200);
        assertThat(json(fromSecret).get("user").asText()).isEqualTo("demo");

        HttpResponse<String> wrong = call(p, "wrong", ctx, "/secure/basic");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(json(wrong).get("message").asText()).isEqualTo("wrong user name or password");
        assertThat(ctx.redactor().redact("password demo-pass and not-the-password")).doesNotContain("demo-pass", "not-the-password");
    }

    @Test
    void apiKeyInHeaderOrQuery() throws Exception {
        AuthProfiles p = profiles("""
                header: {apiKey: {name: X-API-Key, secretRef: {name: partner}}}
                query:  {apiKey: {in: query, name: api_key, value: demo-key}}
                wrong:  {apiKey: {name: X-API-Key, value: stolen-key}}
                """);
        TestStepContext ctx = ctx(Map.of("ITF_SECRET_PARTNER_KEY", "demo-key"));

        HttpResponse<String> header = call(p, "header", ctx, "/secure/apikey");
        assertThat(header.statusCode()).isEqualTo(200);
        assertThat(json(header).get("in").asText()).isEqualTo("header");
        HttpResponse<String> query = call(p, "query", ctx, "/secure/apikey");
        assertThat(query.statusCode()).isEqualTo(200);
        assertThat(json(query).get("in").asText()).isEqualTo("query");

        HttpResponse<String> wrong = call(p, "wrong", ctx, "/secure/apikey");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(json(wrong).get("message").asText()).isEqualTo("wrong API key");
        assertThat(ctx.redactor().redact("key=demo-key")).isEqualTo("key=" + Redactor.MASK);
    }

    @Test
    void bearerInlineAndFromSecret() throws Exception {
        var tokenResponse = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/oauth/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("itf:itf-secret".getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build(), HttpResponse.BodyHandlers.ofString());
        String token = JSON.readTree(tokenResponse.body()).get("access_token").asText();
        AuthProfiles p = profiles("""
                inline: {bearer: {token: %s}}
                secret: {bearer: {secretRef: {name: api-token}}}
                wrong:  {bearer: {token: made-up-token}}
                """.formatted(token));
        TestStepContext ctx = ctx(Map.of("ITF_SECRET_API_TOKEN_TOKEN", token));

        assertThat(call(p, "inline", ctx, "/secure/oauth").statusCode()).isEqualTo(200);
        assertThat(call(p, "secret", ctx, "/secure/oauth").statusCode()).isEqualTo(200);
        HttpResponse<String> wrong = call(p, "wrong", ctx, "/secure/oauth");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(json(wrong).get("message").asText()).contains("unknown token");
    }

    @Test
    void oauth2ClientCredentialsTokenIsFetchedOnceAndReused() throws Exception {
        AuthProfiles p = profiles("""
                service: {oauth2: {tokenUrl: "${baseUrl}/oauth/token", clientId: itf, clientSecretRef: {name: oauth, key: secret}, scopes: [orders.read, orders.write]}}
                """);
        TestStepContext ctx = ctx(Map.of("ITF_SECRET_OAUTH_SECRET", "itf-secret"));
        long before = issued(base);

        HttpResponse<String> first = call(p, "service", ctx, "/secure/oauth");
        HttpResponse<String> second = call(p, "service", ctx, "/secure/oauth");

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(json(first).get("scope").asText()).isEqualTo("orders.read orders.write");
        assertThat(json(first).get("client").asText()).isEqualTo("itf");
        assertThat(issued(base) - before).isEqualTo(1);
        assertThat(ctx.rawLines).anyMatch(l -> l.contains("fetched an oauth2 token from " + base + "/oauth/token"));
        assertNoLineContains(ctx, "itf-secret");
    }

    @Test
    void oauth2TokenIsFetchedOnceByParallelCases() throws Exception {
        AuthProfiles p = profiles("""
                service: {oauth2: {tokenUrl: "${baseUrl}/oauth/token", clientId: itf, clientSecret: itf-secret}}
                """);
        long before = issued(base);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                calls.add(() -> call(p, "service", ctx(Map.of()), "/secure/oauth").statusCode());
            }
            for (Future<Integer> f : pool.invokeAll(calls)) {
                assertThat(f.get()).isEqualTo(200);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(issued(base) - before).isEqualTo(1);
    }

    @Test
    void oauth2TokenIsFetchedAgainAfterItExpires() throws Exception {
        AuthProfiles p = profiles("""
                service: {oauth2: {tokenUrl: "${shortUrl}/oauth/token", clientId: itf, clientSecret: itf-secret}}
                """);
        TestStepContext ctx = ctx(Map.of());
        long before = issued(shortBase);
        assertThat(call(p, "service", ctx, shortBase + "/secure/oauth").statusCode()).isEqualTo(200);
        assertThat(call(p, "service", ctx, shortBase + "/secure/oauth").statusCode()).isEqualTo(200);
        assertThat(issued(shortBase) - before).isEqualTo(1);

        // the token lives 3s: shortly before the server would reject it, the profile fetches a new one
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            assertThat(call(p, "service", ctx, shortBase + "/secure/oauth").statusCode()).isEqualTo(200);
            assertThat(issued(shortBase) - before).isEqualTo(2);
        });
    }

    @Test
    void oauth2PasswordGrant() throws Exception {
        AuthProfiles p = profiles("""
                user:  {oauth2: {grant: password, tokenUrl: "${baseUrl}/oauth/token", clientId: itf, clientSecret: itf-secret, username: demo, passwordRef: {name: demo-user}}}
                wrong: {oauth2: {grant: password, tokenUrl: "${baseUrl}/oauth/token", clientId: itf, clientSecret: itf-secret, username: demo, password: guessed-password}}
                """);
        TestStepContext ctx = ctx(Map.of("ITF_SECRET_DEMO_USER_PASSWORD", "demo-pass"));

        HttpResponse<String> ok = call(p, "user", ctx, "/secure/oauth");
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(json(ok).get("user").asText()).isEqualTo("demo");

        assertThatThrownBy(() -> call(p, "wrong", ctx, "/secure/oauth"))
                .hasMessage("auth profile wrong: token request to " + base + "/oauth/token failed: HTTP 400 (invalid_grant)");
        assertNoLineContains(ctx, "demo-pass", "guessed-password");
    }

    @Test
    void oauth2WrongClientSecretErrorsWithUrlAndStatusButNoSecret() throws Exception {
        AuthProfiles p = profiles("""
                service: {oauth2: {tokenUrl: "${baseUrl}/oauth/token", clientId: itf, clientSecretRef: {name: oauth}}}
                """);
        TestStepContext ctx = ctx(Map.of("ITF_SECRET_OAUTH_CLIENTSECRET", "wrong-client-secret"));

        assertThatThrownBy(() -> call(p, "service", ctx, "/secure/oauth"))
                .hasMessage("auth profile service: token request to " + base + "/oauth/token failed: HTTP 401 (invalid_client)")
                .message().doesNotContain("wrong-client-secret");
        assertThat(ctx.redactor().redact("secret wrong-client-secret")).isEqualTo("secret " + Redactor.MASK);
    }

    @Test
    void oauth2UnreachableTokenUrlNamesTheUrl() throws Exception {
        AuthProfiles p = profiles("""
                service: {oauth2: {tokenUrl: "http://127.0.0.1:1/oauth/token", clientId: itf, clientSecret: itf-secret}}
                """);
        assertThatThrownBy(() -> call(p, "service", ctx(Map.of()), "/secure/oauth"))
                .hasMessageStartingWith("auth profile service: token request to http://127.0.0.1:1/oauth/token failed")
                .message().doesNotContain("itf-secret");
    }

    @Test
    void oauth2WithNoTimeLeftErrorsWithoutSendingTheRequest() throws Exception {
        AuthProfiles p = profiles("""
                service: {oauth2: {tokenUrl: "${baseUrl}/oauth/token", clientId: itf, clientSecret: itf-secret}}
                """);
        TestStepContext ctx = ctx(Map.of());
        ctx.timeout(Duration.ZERO);
        long before = issued(base);

        assertThatThrownBy(() -> call(p, "service", ctx, "/secure/oauth"))
                .hasMessage("auth profile service: no time left for the token request to " + base + "/oauth/token; raise the step or case timeout");
        assertThat(issued(base)).isEqualTo(before);
    }

    @Test
    void jwtHs256IsAcceptedWithRenderedClaims() throws Exception {
        AuthProfiles p = profiles("""
                user: {jwt: {algorithm: HS256, secretRef: {name: jwt-key}, kid: k1, claims: {sub: "${user}", roles: [user]}, expiresIn: 5m}}
                """);
        TestStepContext ctx = ctx(Map.of("ITF_SECRET_JWT_KEY_KEY", "demo-jwt-secret"));

        Request request = new Request();
        p.apply("user", request, ctx);
        HttpResponse<String> response = request.get(base + "/secure/jwt");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode claims = json(response).get("claims");
        assertThat(claims.get("sub").asText()).isEqualTo("alice");
        assertThat(claims.get("roles").get(0).asText()).isEqualTo("user");
        assertThat(claims.get("exp").asLong() - claims.get("iat").asLong()).isEqualTo(300);
        String token = request.headers.get("Authorization").substring("Bearer ".length());
        JsonNode header = JSON.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[0]));
        assertThat(header.get("alg").asText()).isEqualTo("HS256");
        assertThat(header.get("kid").asText()).isEqualTo("k1");
        assertThat(ctx.redactor().redact("Authorization: Bearer " + token)).isEqualTo("Authorization: Bearer " + Redactor.MASK);
        assertNoLineContains(ctx, "demo-jwt-secret", token);
    }

    @Test
    void expiredJwtIsRejectedByTheDemoTarget() throws Exception {
        AuthProfiles p = profiles("""
                expired: {jwt: {key: demo-jwt-secret, claims: {sub: alice}, expiresIn: -1m}}
                """);
        HttpResponse<String> response = call(p, "expired", ctx(Map.of()), "/secure/jwt");

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(json(response).get("message").asText()).startsWith("token expired at");
    }

    @Test
    void jwtSignedWithTheWrongSecretIsRejected() throws Exception {
        AuthProfiles p = profiles("""
                forged: {jwt: {algorithm: HS256, key: not-the-demo-secret, claims: {sub: mallory}}}
                """);
        HttpResponse<String> response = call(p, "forged", ctx(Map.of()), "/secure/jwt");

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(json(response).get("message").asText()).isEqualTo("invalid signature");
    }

    @Test
    void jwtRs256IsSignedWithThePrivateKey() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair keys = generator.generateKeyPair();
        String pem = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(keys.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        AuthProfiles p = profiles("""
                rsa: {jwt: {algorithm: RS256, secretRef: {name: signing, key: private.pem}, kid: rsa-1, claims: {sub: "${user}", aud: orders}, expiresIn: 1h30m}}
                """);
        TestStepContext ctx = ctx(Map.of("ITF_SECRET_SIGNING_PRIVATE_PEM", pem));

        Request request = new Request();
        long now = Instant.now().getEpochSecond();
        p.apply("rsa", request, ctx);
        String token = request.headers.get("Authorization").substring("Bearer ".length());
        String[] parts = token.split("\\.");

        Signature verifier = Signature.getInstance("SHA256withRSA");
        verifier.initVerify(keys.getPublic());
        verifier.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        assertThat(verifier.verify(Base64.getUrlDecoder().decode(parts[2]))).isTrue();

        JsonNode header = JSON.readTree(Base64.getUrlDecoder().decode(parts[0]));
        JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
        assertThat(header.get("alg").asText()).isEqualTo("RS256");
        assertThat(header.get("typ").asText()).isEqualTo("JWT");
        assertThat(header.get("kid").asText()).isEqualTo("rsa-1");
        assertThat(claims.get("sub").asText()).isEqualTo("alice");
        assertThat(claims.get("aud").asText()).isEqualTo("orders");
        assertThat(claims.get("iat").asLong()).isBetween(now - 1, now + 5);
        assertThat(claims.get("exp").asLong() - claims.get("iat").asLong()).isEqualTo(5400);

        // a different key pair must not verify it: the signature really depends on the key
        Signature other = Signature.getInstance("SHA256withRSA");
        other.initVerify(generator.generateKeyPair().getPublic());
        other.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        assertThat(other.verify(Base64.getUrlDecoder().decode(parts[2]))).isFalse();
        assertThat(ctx.redactor().redact(pem)).doesNotContain(pem.substring(40, 80));
    }

    @Test
    void givenIatAndExpClaimsAreKept() throws Exception {
        AuthProfiles p = profiles("""
                fixed: {jwt: {key: demo-jwt-secret, claims: {sub: alice, iat: 1000, exp: 4102444800}}}
                """);
        Request request = new Request();
        p.apply("fixed", request, ctx(Map.of()));
        String token = request.headers.get("Authorization").substring("Bearer ".length());
        JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1]));

        assertThat(claims.get("iat").asLong()).isEqualTo(1000);
        assertThat(claims.get("exp").asLong()).isEqualTo(4102444800L);
        assertThat(request.get(base + "/secure/jwt").statusCode()).isEqualTo(200);
    }

    @Test
    void badProfilesGiveClearErrors() throws Exception {
        AuthProfiles p = profiles("""
                two: {basic: {username: a, password: b}, bearer: {token: t}}
                pkcs1: {jwt: {algorithm: RS256, key: "-----BEGIN RSA PRIVATE KEY-----\\nabc\\n-----END RSA PRIVATE KEY-----"}}
                duration: {jwt: {key: k, expiresIn: soon}}
                missing: {bearer: {secretRef: {name: absent}}}
                empty: {basic: {username: demo}}
                """);
        TestStepContext ctx = ctx(Map.of());

        assertThatThrownBy(() -> p.apply("nope", new Request(), ctx))
                .hasMessage("auth profile nope is not defined in spec.auth; defined: duration, empty, missing, pkcs1, two");
        assertThatThrownBy(() -> p.apply("two", new Request(), ctx))
                .hasMessage("spec.auth.two: set exactly one of basic, apiKey, bearer, oauth2, jwt (found basic, bearer)");
        assertThatThrownBy(() -> p.apply("pkcs1", new Request(), ctx)).hasMessageContaining("openssl pkcs8 -topk8 -nocrypt");
        assertThatThrownBy(() -> p.apply("duration", new Request(), ctx))
                .hasMessage("auth profile duration: jwt.expiresIn soon is not a duration; write e.g. 5m, 1h30m, 90s or -1m");
        assertThatThrownBy(() -> p.apply("missing", new Request(), ctx)).hasMessageContaining("ITF_SECRET_ABSENT_TOKEN");
        assertThatThrownBy(() -> p.apply("empty", new Request(), ctx))
                .hasMessage("auth profile empty: basic.password is not set; give a secretRef (key password) or an inline value");
    }

    @Test
    void noneAddsNothing() throws Exception {
        Request request = new Request();
        profiles("{}").apply("none", request, ctx(Map.of()));
        new AuthProfiles(null).apply(null, request, ctx(Map.of()));

        assertThat(request.headers).isEmpty();
        assertThat(request.query).isEmpty();
        assertThat(request.get(base + "/secure/basic").statusCode()).isEqualTo(401);
    }

    @Test
    void expiresInAcceptsCompoundAndNegativeDurations() {
        assertThat(JwtAuth.parseDuration("p", "5m")).isEqualTo(Duration.ofMinutes(5));
        assertThat(JwtAuth.parseDuration("p", "1h30m")).isEqualTo(Duration.ofMinutes(90));
        assertThat(JwtAuth.parseDuration("p", "1.5s")).isEqualTo(Duration.ofMillis(1500));
        assertThat(JwtAuth.parseDuration("p", "500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(JwtAuth.parseDuration("p", "-1m")).isEqualTo(Duration.ofMinutes(-1));
        assertThatThrownBy(() -> JwtAuth.parseDuration("p", "5 minutes")).hasMessageContaining("is not a duration");
    }
}
