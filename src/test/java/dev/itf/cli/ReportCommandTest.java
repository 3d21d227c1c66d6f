package dev.itf.cli;

import dev.itf.report.History;
import dev.itf.report.JsonReport;
import dev.itf.results.CaseResult;
import dev.itf.results.ErrorKind;
import dev.itf.results.Outcome;
import dev.itf.results.RunResult;
import dev.itf.runner.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/** itf report: shards and reruns of one suite become one report; bad input is named and exits 2. */
class ReportCommandTest {

    @TempDir
    Path dir;
    private TestServer server;
    private final AtomicBoolean fixed = new AtomicBoolean();
    private StringWriter out = new StringWriter();
    private StringWriter err = new StringWriter();
    private Path suite;

    @BeforeEach
    void start() throws Exception {
        server = TestServer.http()
                .fixed("/orders", 200, "application/json", "[{\"id\":1,\"status\":\"NEW\"}]")
                .route("/payments", ex -> TestServer.respond(ex, fixed.get() ? 200 : 500, "text/plain", "pay"));
        suite = dir.resolve("suite.yaml");
        Files.writeString(suite, """
                apiVersion: itf.dev/v1alpha1
                kind: TestSuite
                metadata: {name: orders-api}
                spec:
                  cases:
                    - {id: API_001, title: List orders, steps: [{http: {url: "%1$s/orders"}, expect: {status: 200}}]}
                    - {id: API_002, title: Pay, severity: high, steps: [{http: {url: "%1$s/payments"}, expect: {status: 200}}]}
                    - {id: API_003, title: List again, steps: [{http: {url: "%1$s/orders"}, expect: {status: 200}}]}
                    - {id: API_004, title: List once more, steps: [{http: {url: "%1$s/orders"}, expect: {status: 200}}]}
                """.formatted(server.url()));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private int itf(String... args) {
        out = new StringWriter();
        err = new StringWriter();
        return ItfCommand.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    @Test
    void shardsAndARerunMergeIntoOneReportWithFlakyCasesAndHistory() throws Exception {
        assertThat(itf("run", suite.toString(), "--shard", "0", "--shards", "2", "--report-dir", dir.resolve("s0").toString(), "--format", "json"))
                .isIn(0, 1);
        assertThat(itf("run", suite.toString(), "--shard", "1", "--shards", "2", "--report-dir", dir.resolve("s1").toString(), "--format", "json"))
                .isIn(0, 1);
        Path s0 = dir.resolve("s0/itf-results.json");
        Path s1 = dir.resolve("s1/itf-results.json");
        Path history = dir.resolve("history");

        // the shards alone: API_002 failed
        assertThat(itf("report", s0.toString(), s1.toString(), "--out", dir.resolve("first").toString(), "--history", history.toString()))
                .as(err.toString()).isEqualTo(ItfCommand.FAILED);
        assertThat(out.toString()).contains("orders-api: 4 cases, 3 passed, 1 failed, 0 errored, 0 skipped, 0 flaky (2 results files)");

        // the failed case run again, now passing
        fixed.set(true);
        assertThat(itf("run", suite.toString(), "--ids", "API_002", "--report-dir", dir.resolve("rerun").toString(), "--format", "json")).isZero();
        Path rerun = dir.resolve("rerun/itf-results.json");
        Path report = dir.resolve("report");
        assertThat(itf("report", rerun.toString(), s1.toString(), s0.toString(), "--out", report.toString(), "--history", history.toString()))
                .as(err.toString()).isEqualTo(ItfCommand.OK);
        assertThat(out.toString()).contains("report: " + report.resolve("report.html"), "report: " + report.resolve("allure-results"),
                "report: " + report.resolve("summary.pdf"), "report: " + report.resolve("itf.sarif"), "report: " + report.resolve("junit.xml"),
                "orders-api: 4 cases, 4 passed, 0 failed, 0 errored, 0 skipped, 1 flaky (3 results files)");

        RunResult merged = JsonReport.read(report.resolve("itf-results.json"));
        assertThat(merged.cases).extracting(c -> c.caseId).containsExactlyInAnyOrder("API_001", "API_002", "API_003", "API_004");
        CaseResult paid = merged.cases.stream().filter(c -> c.caseId.equals("API_002")).findFirst().orElseThrow();
        assertThat(paid.outcome).isEqualTo(Outcome.PASSED);
        assertThat(paid.flaky).isTrue();
        assertThat(paid.attempt).isEqualTo(2);
        assertThat(paid.earlierAttempts).singleElement().satisfies(a -> {
            assertThat(a.outcome).isEqualTo(Outcome.FAILED);
            assertThat(a.errorKind).isEqualTo(ErrorKind.STATUS);
        });
        assertThat(merged.shards).isEqualTo(2);

        History kept = History.load(history, "orders-api");
        assertThat(kept.runs).hasSize(2);
        assertThat(kept.cases.get("API_002")).isEqualTo("FK");
        assertThat(Files.readString(report.resolve("report.html"))).contains("id=\"trends\"", "id=\"flaky\"");
        try (var files = Files.list(report.resolve("allure-results"))) {
            assertThat(files.filter(f -> f.toString().endsWith("-result.json")).count()).isEqualTo(5);
        }
    }

    @Test
    void anUnknownFormatIsNamedWithTheValidOnes() throws Exception {
        Path results = results();
        assertThat(itf("report", results.toString(), "--out", dir.resolve("o").toString(), "--format", "html,xml"))
                .isEqualTo(ItfCommand.BAD_INPUT);
        assertThat(err.toString()).contains("unknown report format \"xml\"", "junit, json, allure, html, pdf, sarif");
        assertThat(itf("run", suite.toString(), "--format", "pdf,docx", "--report-dir", dir.resolve("r").toString()))
                .isEqualTo(ItfCommand.BAD_INPUT);
        assertThat(err.toString()).contains("unknown report format \"docx\"", "junit, json, allure, html, pdf, sarif");
    }

    @Test
    void unreadableResultsNameTheFileAndTheProblem() throws Exception {
        Path out = dir.resolve("o");
        assertThat(itf("report", dir.resolve("missing.json").toString(), "--out", out.toString())).isEqualTo(ItfCommand.BAD_INPUT);
        assertThat(err.toString()).contains(dir.resolve("missing.json") + ": no such file");

        Path garbage = Files.writeString(dir.resolve("garbage.json"), "{\"suite\": \"x\", \"cases\": [");
        assertThat(itf("report", garbage.toString(), "--out", out.toString())).isEqualTo(ItfCommand.BAD_INPUT);
        assertThat(err.toString()).contains(garbage + ": not JSON (", "line 1");

        Path other = Files.writeString(dir.resolve("package.json"), "{\"name\": \"not results\"}");
        assertThat(itf("report", other.toString(), "--out", out.toString())).isEqualTo(ItfCommand.BAD_INPUT);
        assertThat(err.toString()).contains(other + ": not ITF results: expected an object with a \"cases\" list");

        Path badOutcome = Files.writeString(dir.resolve("bad.json"), "{\"suite\": \"x\", \"cases\": [{\"caseId\": \"A\", \"outcome\": \"passd\"}]}");
        assertThat(itf("report", badOutcome.toString(), "--out", out.toString())).isEqualTo(ItfCommand.BAD_INPUT);
        assertThat(err.toString()).contains(badOutcome + ": cases[0].outcome: ", "passd");

        Path noId = Files.writeString(dir.resolve("noid.json"), "{\"suite\": \"x\", \"cases\": [{\"outcome\": \"passed\"}]}");
        assertThat(itf("report", noId.toString(), "--out", out.toString())).isEqualTo(ItfCommand.BAD_INPUT);
        assertThat(err.toString()).contains(noId + ": cases[0].caseId is missing");
        assertThat(out).doesNotExist();
    }

    @Test
    void resultsOfDifferentSuitesAreRefused() throws Exception {
        Path results = results();
        Path other = dir.resolve("other.json");
        Files.writeString(other, Files.readString(results).replace("\"orders-api\"", "\"payments-api\""));
        assertThat(itf("report", results.toString(), other.toString(), "--out", dir.resolve("o").toString())).isEqualTo(ItfCommand.BAD_INPUT);
        assertThat(err.toString()).contains("different suites", "orders-api: " + results, "payments-api: " + other);
    }

    @Test
    void aBrokenHistoryFileIsNamed() throws Exception {
        Path results = results();
        Path history = dir.resolve("history");
        Files.createDirectories(history.resolve("orders-api"));
        Files.writeString(history.resolve("orders-api/history.json"), "[1, 2");
        assertThat(itf("report", results.toString(), "--out", dir.resolve("o").toString(), "--history", history.toString()))
                .isEqualTo(ItfCommand.BAD_INPUT);
        assertThat(err.toString()).contains(history.resolve("orders-api/history.json") + " is not an ITF history file");
    }

    @Test
    void itfRunWritesEveryFormat() throws Exception {
        Path reports = dir.resolve("all");
        assertThat(itf("run", suite.toString(), "--report-dir", reports.toString(), "--format", "junit,json,allure,html,pdf,sarif"))
                .isEqualTo(ItfCommand.FAILED);
        assertThat(reports.resolve("junit.xml")).isRegularFile();
        assertThat(reports.resolve("itf-results.json")).isRegularFile();
        assertThat(reports.resolve("allure-results")).isDirectory();
        assertThat(reports.resolve("report.html")).isRegularFile();
        assertThat(reports.resolve("summary.pdf")).isRegularFile();
        assertThat(reports.resolve("itf.sarif")).isRegularFile();
    }

    private Path results() {
        itf("run", suite.toString(), "--report-dir", dir.resolve("base").toString(), "--format", "json");
        return dir.resolve("base/itf-results.json");
    }
}
