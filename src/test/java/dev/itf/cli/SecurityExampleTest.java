package dev.itf.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.itf.demo.DemoOptions;
import dev.itf.demo.DemoTarget;
import dev.itf.json.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * examples/security against the demo target over HTTPS with its own CA: the hardened twin passes every check, the
 * weak twin fails the ones it was built to fail, and no credential, forged token or leaked card number reaches the
 * output, the logs or any report.
 */
class SecurityExampleTest {

    /** What must never be written: the JWT key, any JWT, the forged malformed token, the weak twin's card numbers. */
    private static final List<Pattern> SECRETS = List.of(Pattern.compile("demo-jwt-secret"), Pattern.compile("eyJ[A-Za-z0-9_-]{8,}"),
            Pattern.compile("malformed\\.[A-Za-z0-9_-]{4}"), Pattern.compile("4111111111111111"), Pattern.compile("5555555555554444"));

    private static DemoTarget demo;
    @TempDir
    static Path shared;
    private static Path ca;

    @BeforeAll
    static void start() throws Exception {
        demo = new DemoTarget(DemoOptions.defaults(0)).https(0).start();
        ca = shared.resolve("ca.pem");
        Files.writeString(ca, demo.caPem());
    }

    @AfterAll
    static void stop() {
        demo.close();
    }

    private record Run(int code, String out, Path reports) {
    }

    private static Run run(String suite, Path reports) throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = ItfCommand.execute(new PrintWriter(out, true), new PrintWriter(err, true), "run", "examples/security/" + suite,
                "--var", "httpsUrl=https://localhost:" + demo.httpsPort(), "--var", "httpUrl=http://localhost:" + demo.port(),
                "--var", "caFile=" + ca, "--report-dir", reports.toString(), "--format", "json,junit,html,pdf,sarif,allure");
        return new Run(code, out + "\n" + err, reports);
    }

    @Test
    void theHardenedTwinPassesEveryCheck(@TempDir Path reports) throws Exception {
        Run r = run("passing-suite.yaml", Path.of("/tmp/sec-good"));
        reports = Path.of("/tmp/sec-good");
        assertThat(r.code()).as(r.out()).isZero();
        JsonNode result = Json.MAPPER.readTree(reports.resolve("itf-results.json").toFile());
        JsonNode findings = result.at("/cases/0/steps/0/findings");
        assertThat(findings.size()).isGreaterThan(40);
        List<String> rules = new ArrayList<>();
        findings.forEach(f -> {
            assertThat(f.get("passed").asBoolean()).as(f.toString()).isTrue();
            rules.add(f.get("rule").asText());
        });
        assertThat(rules).contains("authentication.expired", "authentication.unsigned", "authentication.wrongKey", "authorization.deny",
                "transport.protocol", "transport.certificate.chain", "transport.certificate.host", "transport.certificate.expiry",
                "transport.hsts", "transport.http", "headers.x-content-type-options", "cookies.samesite", "cors.credentials",
                "dataExposure.creditCard", "rateLimit");
        JsonNode compliance = Json.MAPPER.readTree(reports.resolve("compliance.json").toFile());
        assertThat(compliance.at("/profiles").size()).isEqualTo(6);
        JsonNode gdpr = compliance.at("/profiles/4");
        assertThat(gdpr.get("profile").asText()).isEqualTo("gdpr");
        assertThat(controlStatus(gdpr, "gdpr:art17")).isEqualTo("passed");
        assertThat(controlStatus(gdpr, "gdpr:art32(1)(a)")).isEqualTo("passed");
        assertThat(controlStatus(gdpr, "gdpr:art20")).isEqualTo("not tested");
        JsonNode sarif = Json.MAPPER.readTree(reports.resolve("itf.sarif").toFile());
        assertThat(sarif.at("/runs/0/results").size()).isZero();
        assertNoSecret(r);
    }

    @Test
    void theWeakTwinFailsWithEveryFlawListed(@TempDir Path reports) throws Exception {
        Run r = run("failing-suite.yaml", Path.of("/tmp/sec-weak"));
        reports = Path.of("/tmp/sec-weak");
        assertThat(r.code()).as(r.out()).isEqualTo(ItfCommand.FAILED);
        JsonNode result = Json.MAPPER.readTree(reports.resolve("itf-results.json").toFile());
        JsonNode step = result.at("/cases/0/steps/0");
        assertThat(step.get("errorKind").asText()).isEqualTo("security");
        List<String> failed = new ArrayList<>();
        step.get("findings").forEach(f -> {
            if (!f.get("passed").asBoolean()) {
                failed.add(f.get("rule").asText());
                assertThat(f.get("controls").size()).as(f.toString()).isPositive();
                assertThat(f.get("evidence").asText()).isNotBlank();
            }
        });
        assertThat(failed).contains("authentication.malformed", "authentication.expired", "authentication.unsigned", "authentication.wrongKey",
                "authorization.deny", "transport.hsts", "transport.http", "headers.x-content-type-options", "headers.server",
                "headers.x-powered-by", "cookies.secure", "cookies.httponly", "cookies.samesite", "cors.credentials",
                "dataExposure.creditCard", "dataExposure.stackTrace", "rateLimit");
        assertThat(failed).doesNotContain("authentication.none", "transport.protocol", "transport.certificate.chain");
        assertThat(step.get("message").asText()).contains("security findings failed", "authentication.unsigned", "dataExposure.creditCard");
        JsonNode compliance = Json.MAPPER.readTree(reports.resolve("compliance.json").toFile());
        JsonNode owasp = compliance.at("/profiles/0");
        assertThat(controlStatus(owasp, "owasp-api-2023:API1")).isEqualTo("failed");
        assertThat(controlStatus(owasp, "owasp-api-2023:API7")).isEqualTo("not tested");
        JsonNode sarif = Json.MAPPER.readTree(reports.resolve("itf.sarif").toFile());
        assertThat(sarif.at("/runs/0/results").size()).isEqualTo(failed.size());
        assertThat(Files.readString(reports.resolve("report.html"))).contains("Compliance", "dataExposure.creditCard");
        assertNoSecret(r);
    }

    private static String controlStatus(JsonNode profile, String control) {
        for (JsonNode c : profile.get("controls")) {
            if (c.get("control").asText().equals(control)) {
                return c.get("status").asText();
            }
        }
        throw new AssertionError("no control " + control + " in " + profile.get("profile"));
    }

    /** Every file written and the command's output, grepped for each secret. */
    private static void assertNoSecret(Run r) throws Exception {
        List<String> texts = new ArrayList<>();
        texts.add(r.out());
        try (Stream<Path> files = Files.walk(r.reports())) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                texts.add(f.endsWith("summary.pdf") ? pdfText(f) : Files.readString(f, StandardCharsets.ISO_8859_1));
            }
        }
        for (String text : texts) {
            for (Pattern secret : SECRETS) {
                assertThat(secret.matcher(text).find()).as("%s in %s", secret, text.length() > 300 ? text.substring(0, 300) : text).isFalse();
            }
        }
    }

    private static String pdfText(Path pdf) throws Exception {
        try (var doc = org.apache.pdfbox.Loader.loadPDF(pdf.toFile())) {
            return new org.apache.pdfbox.text.PDFTextStripper().getText(doc);
        }
    }
}
