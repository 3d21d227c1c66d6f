package dev.itf.runner.security;

import dev.itf.api.SecurityAction;
import dev.itf.api.SecurityChecks;
import dev.itf.api.TlsOptions;
import dev.itf.demo.CertificateAuthority;
import dev.itf.results.Finding;
import dev.itf.runner.Redactor;
import dev.itf.runner.RunResources;
import dev.itf.runner.StepFailure;
import dev.itf.runner.TestStepContext;
import dev.itf.runner.auth.AuthProfiles;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The transport check against real TLS servers started here: a modern one, one whose certificate expires in three
 * days, one whose certificate names another host, and one in a JVM of its own that still speaks TLS 1.0 and 1.1.
 */
class TransportCheckTest {

    @TempDir
    static Path dir;
    private static CertificateAuthority ca;
    private static Path caFile;

    @BeforeAll
    static void authority() throws Exception {
        ca = CertificateAuthority.create("transport test CA", 30);
        caFile = dir.resolve("ca.pem");
        Files.writeString(caFile, ca.pem());
    }

    private static SecurityAction transport(int port, String minVersion, Integer minDays, boolean trustCa) {
        SecurityAction a = new SecurityAction();
        a.baseUrl = "https://localhost:" + port;
        a.requests = List.of("GET /status");
        if (trustCa) {
            a.tls = new TlsOptions();
            a.tls.ca = caFile.toString();
        }
        a.checks = new SecurityChecks();
        a.checks.transport = new SecurityChecks.Transport();
        a.checks.transport.minVersion = minVersion;
        a.checks.transport.certificate = new SecurityChecks.Certificate();
        a.checks.transport.certificate.minDaysValid = minDays;
        a.checks.transport.hsts = new SecurityChecks.Hsts();
        return a;
    }

    private static List<Finding> run(SecurityAction a, boolean expectFailure) throws Exception {
        try (RunResources resources = new RunResources()) {
            TestStepContext ctx = new TestStepContext(resources, new Redactor()).timeout(Duration.ofSeconds(20));
            SecurityStep step = new SecurityStep(a, new AuthProfiles(Map.of()));
            if (expectFailure) {
                assertThatThrownBy(() -> step.execute(ctx)).isInstanceOf(StepFailure.class);
            } else {
                step.execute(ctx);
            }
            return new ArrayList<>(ctx.findings);
        }
    }

    private static Finding rule(List<Finding> findings, String rule) {
        return findings.stream().filter(f -> rule.equals(f.rule)).findFirst().orElseThrow(() -> new AssertionError("no " + rule + " in " + findings));
    }

    @Test
    void aModernServerWithATrustedCertificatePassesEveryTransportRule() throws Exception {
        try (TlsTestServer server = new TlsTestServer(TlsTestServer.keys(ca, List.of("localhost", "127.0.0.1"), Instant.now().plus(Duration.ofDays(20))))) {
            List<Finding> findings = run(transport(server.port(), "TLSv1.2", 14, true), false);
            assertThat(findings).allMatch(f -> f.passed);
            assertThat(findings.stream().filter(f -> "transport.protocol".equals(f.rule)).map(f -> f.evidence))
                    .hasSize(2).allMatch(e -> !e.contains("ServerHello with TLSv1"));
            assertThat(rule(findings, "transport.certificate.expiry").evidence).contains("in 19 days");
            assertThat(rule(findings, "transport.hsts").evidence).contains("max-age=31536000");
            assertThat(findings).allMatch(f -> f.controls.contains("pci-dss-4.0:4.2.1") && f.controls.contains("hipaa:164.312(e)(1)"));
        }
    }

    @Test
    void aCertificateExpiringSoonFailsTheExpiryRuleOnly() throws Exception {
        try (TlsTestServer server = new TlsTestServer(TlsTestServer.keys(ca, List.of("localhost"), Instant.now().plus(Duration.ofDays(3))))) {
            List<Finding> findings = run(transport(server.port(), null, 14, true), true);
            Finding expiry = rule(findings, "transport.certificate.expiry");
            assertThat(expiry.passed).isFalse();
            assertThat(expiry.evidence).contains("in 2 days", "want at least 14");
            assertThat(rule(findings, "transport.certificate.chain").passed).isTrue();
            assertThat(rule(findings, "transport.certificate.host").passed).isTrue();
        }
    }

    @Test
    void anUntrustedChainAndAnotherHostsCertificateFail() throws Exception {
        try (TlsTestServer server = new TlsTestServer(TlsTestServer.keys(ca, List.of("orders.example.com"), Instant.now().plus(Duration.ofDays(60))))) {
            List<Finding> findings = run(transport(server.port(), null, 14, false), true);
            Finding chain = rule(findings, "transport.certificate.chain");
            assertThat(chain.passed).isFalse();
            assertThat(chain.evidence).contains("not trusted", "tls.ca");
            Finding host = rule(findings, "transport.certificate.host");
            assertThat(host.passed).isFalse();
            assertThat(host.evidence).contains("orders.example.com", "localhost does not match");
        }
    }

    @Test
    void aServerThatStillSpeaksTls10And11FailsTheProtocolFloor() throws Exception {
        Path keys = dir.resolve("legacy.p12");
        TlsTestServer.save(TlsTestServer.keys(ca, List.of("localhost"), Instant.now().plus(Duration.ofDays(60))), keys);
        // the JDK disables TLS 1.0 and 1.1 for the whole JVM: the legacy server gets a JVM of its own
        Path security = dir.resolve("legacy.security");
        Files.writeString(security, "jdk.tls.disabledAlgorithms=RC4, NULL\n");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.security.properties=" + security, "-cp", System.getProperty("java.class.path"),
                TlsTestServer.class.getName(), keys.toString()).redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            String first = CompletableFuture.supplyAsync(() -> {
                try {
                    return out.readLine();
                } catch (Exception e) {
                    return null;
                }
            }).get(60, TimeUnit.SECONDS);
            int port = Integer.parseInt(first.trim());
            List<Finding> findings = run(transport(port, "TLSv1.2", 14, true), true);
            List<Finding> protocol = findings.stream().filter(f -> "transport.protocol".equals(f.rule)).toList();
            assertThat(protocol).hasSize(2).allMatch(f -> !f.passed);
            assertThat(protocol.get(0).evidence).contains("TLSv1 handshake", "ServerHello with TLSv1 ", "older than TLSv1.2");
            assertThat(protocol.get(1).evidence).contains("TLSv1.1 handshake", "ServerHello with TLSv1.1");
            assertThat(rule(findings, "transport.certificate.chain").passed).as("TLS 1.2 still works").isTrue();
            // this JVM's own TLS was not weakened for it
            assertThat(java.security.Security.getProperty("jdk.tls.disabledAlgorithms")).contains("TLSv1.1");
        } finally {
            p.getOutputStream().close();
            p.destroy();
            p.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void transportOnAPlainHttpUrlIsAnErrorNamingTheField() {
        SecurityAction a = transport(1, "TLSv1.2", 14, false);
        a.baseUrl = "http://localhost:1";
        assertThatThrownBy(() -> run(a, false)).hasMessageContaining("security.checks.transport: baseUrl must be an https:// URL");
    }
}
