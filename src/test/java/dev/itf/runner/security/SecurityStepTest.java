package dev.itf.runner.security;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.itf.api.AuthProfile;
import dev.itf.api.SecurityAction;
import dev.itf.api.SecurityChecks;
import dev.itf.json.Json;
import dev.itf.results.Finding;
import dev.itf.runner.Redactor;
import dev.itf.runner.RunResources;
import dev.itf.runner.SentValues;
import dev.itf.runner.StepFailure;
import dev.itf.runner.TestStepContext;
import dev.itf.runner.auth.AuthProfiles;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The security step against a server that records every credential it receives: the findings are right, and no
 * credential, real or forged, appears in the step's log (as written, before redaction), its findings or its message.
 */
class SecurityStepTest {

    private HttpServer server;
    /** Every Authorization and X-API-Key value the server saw. */
    private final Set<String> received = ConcurrentHashMap.newKeySet();
    private String body = "{\"orders\":[]}";
    private int status = 200;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::answer);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void answer(HttpExchange ex) throws IOException {
        String authorization = ex.getRequestHeaders().getFirst("Authorization");
        String key = ex.getRequestHeaders().getFirst("X-API-Key");
        if (authorization != null) {
            received.add(authorization);
            received.add(authorization.substring(authorization.indexOf(' ') + 1));
        }
        if (key != null) {
            received.add(key);
        }
        // a naive service: any credential that is not obviously broken passes
        boolean ok = (authorization != null && !authorization.contains("malformed") && !authorization.contains("%%")) || "k3y-value".equals(key);
        byte[] out = (ok ? body : "{\"error\":\"unauthorized\"}").getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(ok ? status : 401, out.length);
        ex.getResponseBody().write(out);
        ex.close();
    }

    private static AuthProfiles profiles() {
        Map<String, AuthProfile> p = new LinkedHashMap<>();
        try {
            p.put("user", Json.YAML.readValue("{jwt: {key: s3cret-jwt-key, claims: {sub: alice}}}", AuthProfile.class));
            p.put("basic", Json.YAML.readValue("{basic: {username: demo, password: pa55word-basic}}", AuthProfile.class));
            p.put("key", Json.YAML.readValue("{apiKey: {name: X-API-Key, value: k3y-value}}", AuthProfile.class));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return new AuthProfiles(p);
    }

    private SecurityAction action(SecurityChecks checks) {
        SecurityAction a = new SecurityAction();
        a.baseUrl = "http://127.0.0.1:" + server.getAddress().getPort();
        a.requests = List.of("GET /orders");
        a.checks = checks;
        return a;
    }

    private record Outcome(TestStepContext ctx, String message) {
    }

    private Outcome run(SecurityAction a) throws Exception {
        try (RunResources resources = new RunResources()) {
            TestStepContext ctx = new TestStepContext(resources, new Redactor()).timeout(Duration.ofSeconds(10));
            String message = null;
            try {
                new SecurityStep(a, profiles()).execute(ctx);
            } catch (StepFailure f) {
                message = f.getMessage();
            }
            return new Outcome(ctx, message);
        }
    }

    @Test
    void forgedJwtsAcceptedByANaiveServiceFailAndNoTokenIsWrittenAnywhere() throws Exception {
        SecurityChecks checks = new SecurityChecks();
        checks.authentication = new SecurityChecks.Authentication();
        checks.authentication.valid = "user";
        checks.authentication.invalid = List.of("none", "malformed", "expired", "unsigned", "wrongKey", "key");
        Outcome o = run(action(checks));
        Map<String, Boolean> verdicts = new LinkedHashMap<>();
        o.ctx().findings.forEach(f -> verdicts.put(f.rule, f.passed));
        assertThat(verdicts).containsEntry("authentication.none", true).containsEntry("authentication.malformed", true)
                .containsEntry("authentication.expired", false).containsEntry("authentication.unsigned", false)
                .containsEntry("authentication.wrongKey", false).containsEntry("authentication.key", false)
                .containsEntry("authentication.valid", true);
        assertThat(o.message()).contains("4 of 7 security findings failed", "authentication.expired", "authentication.unsigned",
                "authentication.wrongKey", "authentication.key");
        assertThat(o.ctx().findings).allMatch(f -> f.controls.containsAll(List.of("owasp-api-2023:API2", "cwe-top25-2024:CWE-287",
                "pci-dss-4.0:8.3.1", "hipaa:164.312(d)")));
        // the server saw the valid token, an expired one, an unsigned one, one with a wrong key, a malformed one, the key
        assertThat(received.stream().filter(v -> v.startsWith("Bearer ey")).count()).isGreaterThanOrEqualTo(4);
        assertNoSecret(o, "s3cret-jwt-key");
    }

    @Test
    void basicAndApiKeyCredentialsAreNeverWrittenEither() throws Exception {
        SecurityChecks checks = new SecurityChecks();
        checks.authentication = new SecurityChecks.Authentication();
        checks.authentication.valid = "basic";
        checks.authentication.invalid = List.of("malformed", "key");
        checks.authorization = List.of(rule("GET /orders/1", List.of("basic"), List.of("key")));
        Outcome o = run(action(checks));
        assertThat(received).isNotEmpty();
        assertNoSecret(o, "pa55word-basic");
    }

    @Test
    void aDeniedIdentityThatGetsTheAllowedOnesDataFails() throws Exception {
        body = "{\"id\":\"ord-77\",\"owner\":\"bob\",\"address\":\"12 Elm Street\"}";
        SecurityChecks checks = new SecurityChecks();
        checks.authorization = List.of(rule("GET /orders/ord-77", List.of("user"), List.of("basic")));
        Outcome o = run(action(checks));
        Finding deny = o.ctx().findings.stream().filter(f -> f.rule.equals("authorization.deny")).findFirst().orElseThrow();
        assertThat(deny.passed).isFalse();
        assertThat(deny.evidence).contains("[basic] -> 200", "must get 403 or 404");
        assertThat(deny.controls).contains("owasp-api-2023:API1", "cwe-top25-2024:CWE-639", "hipaa:164.312(a)(1)");
        // the request line is shown, the leaked data is not
        assertThat(o.message()).contains("authorization.deny GET /orders/ord-77").doesNotContain("12 Elm Street");
    }

    @Test
    void cardNumbersAreFoundByLuhnAndValuesTheSuiteSentAreIgnored() throws Exception {
        body = "{\"card\":\"4111 1111 1111 1111\",\"ref\":\"4111111111111112\",\"email\":\"sent@example.com\",\"other\":\"leak@example.com\"}";
        SecurityChecks checks = new SecurityChecks();
        checks.dataExposure = List.of("creditCard", "email", "ssn");
        SecurityAction a = action(checks);
        a.auth = "key";
        try (RunResources resources = new RunResources()) {
            SentValues.of(resources).add("{\"email\":\"sent@example.com\"}");
            TestStepContext ctx = new TestStepContext(resources, new Redactor()).timeout(Duration.ofSeconds(10));
            assertThatThrownBy(() -> new SecurityStep(a, profiles()).execute(ctx)).isInstanceOf(StepFailure.class);
            Map<String, Finding> byRule = new LinkedHashMap<>();
            ctx.findings.forEach(f -> byRule.put(f.rule, f));
            assertThat(byRule.get("dataExposure.creditCard").passed).isFalse();
            assertThat(byRule.get("dataExposure.creditCard").evidence).contains("************1111").doesNotContain("4111 1111");
            assertThat(byRule.get("dataExposure.email").passed).isFalse();
            assertThat(byRule.get("dataExposure.email").evidence).contains("l***@example.com");
            assertThat(byRule.get("dataExposure.ssn").passed).isTrue();
        }
        assertThat(SensitiveData.find("creditCard", "ref 4111111111111112")).as("fails Luhn").isEmpty();
        assertThat(SensitiveData.find("iban", "DE89 3704 0044 0532 0130 00")).hasSize(1);
        assertThat(SensitiveData.find("iban", "DE88 3704 0044 0532 0130 00")).as("fails mod 97").isEmpty();
        assertThat(SensitiveData.find("ssn", "id 123-45-6789.")).hasSize(1);
        assertThat(SensitiveData.find("stackTrace", "at com.acme.Orders.get(Orders.java:42)")).hasSize(1);
    }

    @Test
    void aBurstThatIsNeverLimitedFailsAndOneThatIsPasses() throws Exception {
        SecurityChecks checks = new SecurityChecks();
        checks.rateLimit = new SecurityChecks.RateLimit();
        checks.rateLimit.request = "POST /oauth/token";
        checks.rateLimit.burst = 30;
        checks.rateLimit.within = "10s";
        checks.rateLimit.auth = "key";
        Outcome unlimited = run(action(checks));
        assertThat(unlimited.message()).contains("rateLimit", "no 429 in 30 requests");
        status = 429;
        Outcome limited = run(action(checks));
        assertThat(limited.message()).isNull();
        assertThat(limited.ctx().findings).singleElement().satisfies(f -> assertThat(f.evidence).contains("429 after"));
    }

    private static SecurityChecks.AuthorizationRule rule(String request, List<String> allow, List<String> deny) {
        SecurityChecks.AuthorizationRule r = new SecurityChecks.AuthorizationRule();
        r.request = request;
        r.allow = allow;
        r.deny = deny;
        return r;
    }

    /** Every credential the server received, and the given key, absent from everything the step wrote. */
    private void assertNoSecret(Outcome o, String key) throws Exception {
        List<String> outputs = new ArrayList<>(o.ctx().rawLines);
        outputs.addAll(o.ctx().lines);
        outputs.add(Json.MAPPER.writeValueAsString(o.ctx().findings));
        outputs.add(String.valueOf(o.message()));
        List<String> secrets = new ArrayList<>(received.stream().filter(v -> v.length() >= 8).toList());
        secrets.add(key);
        for (String out : outputs) {
            for (String secret : secrets) {
                assertThat(out).as("a credential in the output").doesNotContain(secret);
            }
        }
    }
}
