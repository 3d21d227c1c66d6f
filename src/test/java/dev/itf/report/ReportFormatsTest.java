package dev.itf.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.itf.json.Json;
import dev.itf.results.CaseResult;
import dev.itf.results.Outcome;
import dev.itf.results.RunResult;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Every report format rendered from one real run with failures, retries, load and security data and secrets. */
class ReportFormatsTest {

    static SampleRun sample;
    @TempDir
    static Path dir;
    static List<Path> written;

    @BeforeAll
    static void render() throws Exception {
        sample = new SampleRun();
        written = ReportWriter.write(sample.result, dir, EnumSet.allOf(ReportFormat.class));
    }

    @AfterAll
    static void stop() {
        sample.close();
    }

    @Test
    void everyFormatIsWrittenWhereTheDocsSay() {
        assertThat(written).extracting(p -> p.getFileName().toString()).containsExactly(
                "junit.xml", "compliance.json", "itf-results.json", "allure-results", "report.html", "summary.pdf", "itf.sarif");
    }

    @Test
    void noSecretReachesAnyReport() throws IOException {
        List<Path> files;
        try (Stream<Path> all = Files.walk(dir)) {
            files = all.filter(Files::isRegularFile).toList();
        }
        assertThat(files).hasSizeGreaterThan(15);
        for (Path f : files) {
            String text = f.toString().endsWith(".pdf") ? pdfText(f) : Files.readString(f, StandardCharsets.ISO_8859_1);
            for (String secret : SampleRun.SECRETS) {
                assertThat(text).as(f.toString()).doesNotContain(secret);
            }
        }
        // the requests that carried them are in the reports, with the values masked
        assertThat(Files.readString(dir.resolve("report.html"))).contains("Authorization: ******");
    }

    @Test
    void resultsCarryErrorKindsCaseFieldsAndAttempts() {
        CaseResult failed = byId(sample.result, "API_002");
        assertThat(failed.outcome).isEqualTo(Outcome.FAILED);
        assertThat(failed.errorKind.id()).isEqualTo("jsonPath");
        assertThat(byId(sample.result, "API_003").errorKind.id()).isEqualTo("connection");
        CaseResult flaky = byId(sample.result, "API_004");
        assertThat(flaky.flaky).isTrue();
        assertThat(flaky.earlierAttempts).hasSize(1);
    }

    @Test
    void htmlIsOneFileThatNeedsNothingElse() throws IOException {
        String html = Files.readString(dir.resolve("report.html"));
        assertThat(html).startsWith("<!DOCTYPE html>").contains("Content-Security-Policy\" content=\"default-src 'none'")
                .contains("<svg class=\"chart donut\"").contains("id=\"verdict\" class=\"verdict\">FAILED<");
        // nothing that would load: no stylesheet or script files, no images, no frames, no fonts
        assertThat(html).doesNotContainPattern("(?i)<(link|img|iframe|object|embed)\\b")
                .doesNotContainPattern("(?i)\\bsrc\\s*=").doesNotContainPattern("(?i)url\\(").doesNotContain("@import");
        // the only absolute URLs are the case links a person may follow (in the case list's data), and the requests' log lines
        assertThat(html).contains("[\"ORD-1\",\"https://tracker.example.com/ORD-1\"]");
        assertThat(html).contains("id=\"failures\"", "id=\"flaky\"", "id=\"load\"", "id=\"security\"", "id=\"compliance\"",
                "Latency percentiles over time", "Throughput over time", "owasp-api-2023:API2", "API_004");
        // titles are escaped
        assertThat(html).contains("Order status is SHIPPED &lt;after&gt; &quot;payment&quot; &amp; more").doesNotContain("<after>");
    }

    @Test
    void pdfIsAShortExecutiveSummary() throws IOException {
        Path pdf = dir.resolve("summary.pdf");
        try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
            assertThat(doc.getNumberOfPages()).isBetween(1, PdfSummary.MAX_PAGES);
        }
        String text = pdfText(pdf);
        assertThat(text).contains("EXECUTIVE SUMMARY", "test-suite", "FAILED", "Pass rate 66.7%", "Top failures", "API_002",
                "jsonPath", "API_003", "connection", "Performance thresholds", "errorRate", "0.3%", "failed",
                "Compliance by profile", "owasp-api-2023", "pci-dss-4.0", "What went wrong");
    }

    @Test
    void pdfStaysWithinThreePagesWithManyFailures() throws IOException {
        RunResult many = copyWithFailures(sample.result, 300);
        Path out = dir.resolve("many");
        ReportWriter.write(many, out, EnumSet.of(ReportFormat.PDF));
        try (PDDocument doc = Loader.loadPDF(out.resolve("summary.pdf").toFile())) {
            assertThat(doc.getNumberOfPages()).isBetween(1, PdfSummary.MAX_PAGES);
        }
        assertThat(pdfText(out.resolve("summary.pdf"))).contains("Top failures (12 of 302)");
    }

    @Test
    void sarifListsTheFailedFindings() throws IOException {
        JsonNode sarif = Json.MAPPER.readTree(dir.resolve("itf.sarif").toFile());
        assertThat(sarif.get("version").asText()).isEqualTo("2.1.0");
        JsonNode run = sarif.get("runs").get(0);
        assertThat(run.at("/tool/driver/name").asText()).isEqualTo("ITF");
        JsonNode results = run.get("results");
        assertThat(results).hasSize(2);
        JsonNode auth = results.get(0);
        assertThat(auth.get("ruleId").asText()).isEqualTo("authentication");
        assertThat(auth.get("level").asText()).isEqualTo("error");
        assertThat(auth.at("/locations/0/physicalLocation/artifactLocation/uri").asText()).isEqualTo("/api/v1/orders");
        assertThat(auth.at("/locations/0/logicalLocations/0/fullyQualifiedName").asText()).isEqualTo("GET /api/v1/orders");
        assertThat(auth.at("/properties/tags").toString()).contains("owasp-api-2023:API2", "cwe-top25-2024:CWE-287");
        assertThat(results.get(1).get("ruleId").asText()).isEqualTo("headers.x-content-type-options");
        assertThat(results.get(1).get("level").asText()).isEqualTo("note");
        assertThat(run.at("/tool/driver/rules").findValuesAsText("id")).containsExactly("authentication", "headers.x-content-type-options");
        assertThat(run.at("/properties/passedFindings").asInt()).isEqualTo(1);
    }

    @Test
    void sarifWithoutFindingsIsAnEmptyLog() throws IOException {
        RunResult plain = copyWithFailures(sample.result, 0);
        plain.cases.forEach(c -> c.steps.forEach(s -> s.findings = null));
        Path out = dir.resolve("plain");
        ReportWriter.write(plain, out, EnumSet.of(ReportFormat.SARIF));
        JsonNode sarif = Json.MAPPER.readTree(out.resolve("itf.sarif").toFile());
        assertThat(sarif.at("/runs/0/results")).isEmpty();
        assertThat(sarif.at("/runs/0/tool/driver/rules")).isEmpty();
    }

    @Test
    void allureHasOneResultPerAttemptWithLabelsLinksStepsAndAttachments() throws IOException {
        Path allure = dir.resolve("allure-results");
        List<JsonNode> results = new ArrayList<>();
        try (Stream<Path> files = Files.list(allure)) {
            for (Path f : files.filter(p -> p.toString().endsWith("-result.json")).toList()) {
                results.add(Json.MAPPER.readTree(f.toFile()));
            }
        }
        // six cases, one of them tried twice
        assertThat(results).hasSize(7);
        List<JsonNode> flaky = results.stream().filter(r -> r.get("fullName").asText().equals("test-suite.API_004")).toList();
        assertThat(flaky).hasSize(2);
        assertThat(flaky).extracting(r -> r.get("historyId").asText()).containsOnly(AllureReport.historyId("test-suite", "API_004"));
        JsonNode retry = flaky.stream().filter(r -> r.get("status").asText().equals("failed")).findFirst().orElseThrow();
        JsonNode last = flaky.stream().filter(r -> r.get("status").asText().equals("passed")).findFirst().orElseThrow();
        assertThat(retry.get("stop").asLong()).isLessThanOrEqualTo(last.get("start").asLong());
        assertThat(last.at("/statusDetails/flaky").asBoolean()).isTrue();

        JsonNode failed = results.stream().filter(r -> r.get("fullName").asText().equals("test-suite.API_002")).findFirst().orElseThrow();
        assertThat(failed.get("status").asText()).isEqualTo("failed");
        assertThat(failed.at("/statusDetails/message").asText()).contains("expected \"SHIPPED\"");
        assertThat(failed.get("labels").toString()).contains("{\"name\":\"severity\",\"value\":\"critical\"}",
                "{\"name\":\"suite\",\"value\":\"test-suite\"}", "{\"name\":\"control\",\"value\":\"gdpr:art17\"}");
        assertThat(failed.at("/steps/0/status").asText()).isEqualTo("failed");
        String attachment = failed.at("/steps/0/attachments/0/source").asText();
        assertThat(Files.readString(allure.resolve(attachment))).contains("GET " + sample.server.url() + "/orders", "< 200");

        JsonNode broken = results.stream().filter(r -> r.get("fullName").asText().equals("test-suite.API_003")).findFirst().orElseThrow();
        assertThat(broken.get("status").asText()).isEqualTo("broken");
        assertThat(broken.get("labels").toString()).contains("{\"name\":\"severity\",\"value\":\"minor\"}");
        JsonNode owned = results.stream().filter(r -> r.get("fullName").asText().equals("test-suite.API_001")).findFirst().orElseThrow();
        assertThat(owned.get("labels").toString()).contains("{\"name\":\"owner\",\"value\":\"team-orders\"}", "{\"name\":\"tag\",\"value\":\"smoke\"}");
        assertThat(owned.at("/links/0/url").asText()).isEqualTo("https://tracker.example.com/ORD-1");

        Properties env = new Properties();
        try (var in = Files.newInputStream(allure.resolve("environment.properties"))) {
            env.load(in);
        }
        assertThat(env).containsEntry("suite", "test-suite").containsKey("var.base").doesNotContainKey("var.dbPassword")
                .doesNotContainKey("var.apiToken");
        assertThat(Json.MAPPER.readTree(allure.resolve("executor.json").toFile()).get("name").asText()).isEqualTo("ITF");
        JsonNode categories = Json.MAPPER.readTree(allure.resolve("categories.json").toFile());
        assertThat(categories.findValuesAsText("name")).contains("Failed expectation: jsonPath", "Could not run: connection");
    }

    static CaseResult byId(RunResult r, String id) {
        return r.cases.stream().filter(c -> c.caseId.equals(id)).findFirst().orElseThrow();
    }

    /** The run with n more failed cases, each with its own message. */
    static RunResult copyWithFailures(RunResult r, int n) throws IOException {
        RunResult copy = Json.MAPPER.readValue(Json.MAPPER.writeValueAsBytes(r), RunResult.class);
        for (int i = 0; i < n; i++) {
            CaseResult c = Json.MAPPER.readValue(Json.MAPPER.writeValueAsBytes(byId(r, "API_002")), CaseResult.class);
            c.caseId = "GEN_" + i;
            c.message = "step \"list\": status: expected 200, actual " + (500 + i % 4) + " and a long explanation of what went wrong "
                    + "so that the line wraps in the summary table".repeat(1 + i % 3);
            copy.cases.add(c);
        }
        copy.summary = RunResult.summarize(copy.cases);
        return copy;
    }

    static String pdfText(Path pdf) throws IOException {
        try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
            return new PDFTextStripper().getText(doc);
        }
    }
}
