package dev.itf.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.itf.json.Json;
import dev.itf.results.CaseResult;
import dev.itf.results.ErrorKind;
import dev.itf.results.Outcome;
import dev.itf.results.RunResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/** report.html opened in headless Chromium (Debian's) through Playwright: what a person sees, and that nothing is fetched. */
class HtmlBrowserTest {

    static final String PLAYWRIGHT = "1.58.2";
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    static SampleRun sample;
    static Path script;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM), "Debian's chromium is not installed at " + CHROMIUM + " (.ci/run installs it)");
        NpmTools.ensure("playwright-core", PLAYWRIGHT);
        script = Path.of(HtmlBrowserTest.class.getResource("/browser/report-check.cjs").toURI());
        sample = new SampleRun();
    }

    @AfterAll
    static void stop() {
        if (sample != null) {
            sample.close();
        }
    }

    @Test
    void aPersonSeesTheVerdictCountsChartsAndAFailureWithItsMessage() throws Exception {
        History history = History.empty(sample.result.suite).with(sample.result).with(sample.result);
        ReportWriter.write(sample.result, dir, EnumSet.of(ReportFormat.HTML), history);
        JsonNode seen = open(dir.resolve("report.html"));

        assertThat(seen.get("requests")).as("requests made by the page").isEmpty();
        assertThat(seen.get("verdict").asText()).isEqualTo("FAILED");
        assertThat(seen.get("title").asText()).contains("test-suite", "FAILED");
        assertThat(seen.at("/counts/total").asText()).isEqualTo("6");
        assertThat(seen.at("/counts/passed").asText()).isEqualTo("4");
        assertThat(seen.at("/counts/failed").asText()).isEqualTo("1");
        assertThat(seen.at("/counts/errored").asText()).isEqualTo("1");
        assertThat(seen.at("/counts/flaky").asText()).isEqualTo("1");
        assertThat(seen.at("/counts/passrate").asText()).isEqualTo("66.7%");
        assertThat(seen.get("charts").asInt()).isGreaterThanOrEqualTo(6);
        assertThat(seen.get("chartsVisible").asBoolean()).isTrue();
        assertThat(seen.get("errorKindsText").asText()).contains("jsonPath", "connection");

        // the most severe failure comes first; its message shows once it is opened
        assertThat(seen.get("failures").asInt()).isEqualTo(2);
        assertThat(seen.get("failureSummary").asText()).contains("API_002", "jsonPath");
        assertThat(seen.get("messageVisibleBefore").asBoolean()).isFalse();
        assertThat(seen.get("messageVisibleAfter").asBoolean()).isTrue();
        assertThat(seen.get("messageAfter").asText()).contains("expected \"SHIPPED\", actual \"NEW\"");
        assertThat(seen.get("stepLogVisibleAfter").asBoolean()).isTrue();

        // the case list: every case, filtered by text and by outcome
        assertThat(seen.get("rows").asInt()).isEqualTo(6);
        assertThat(seen.get("rowsRendered").asInt()).isEqualTo(6);
        assertThat(seen.get("firstRow").asText()).contains("API_001", "List orders", "ORD-1", "passed", "team-orders");
        assertThat(seen.get("shown").asText()).isEqualTo("showing 1\u20136 of 6 cases");
        assertThat(seen.get("rowsMatchedAfterFilter").asInt()).isZero();
        assertThat(seen.get("rowsRenderedAfterFilter").asInt()).isZero();
        assertThat(seen.get("failedMatched").asInt()).isEqualTo(1);
        assertThat(seen.get("sections").findValuesAsText("")).isEmpty();
        assertThat(seen.get("sections").toString()).contains("trends", "failures", "flaky", "load", "security", "compliance");

        // without JavaScript the summary still reads
        assertThat(seen.at("/noJs/verdict").asText()).isEqualTo("FAILED");
        assertThat(seen.at("/noJs/total").asText()).isEqualTo("6");
        assertThat(seen.at("/noJs/summaryVisible").asBoolean()).isTrue();
        assertThat(seen.at("/noJs/requests")).isEmpty();
    }

    @Test
    void tenThousandCasesOpenWithoutRequests() throws Exception {
        RunResult big = manyCases(sample.result, 10_000);
        long started = System.nanoTime();
        ReportWriter.write(big, dir, EnumSet.of(ReportFormat.HTML));
        long renderMs = (System.nanoTime() - started) / 1_000_000;
        Path html = dir.resolve("report.html");
        JsonNode seen = open(html);
        assertThat(seen.get("rows").asInt()).isEqualTo(10_000);
        assertThat(seen.get("rowsRendered").asInt()).isEqualTo(100);
        assertThat(seen.get("failedMatched").asInt()).isEqualTo(500);
        assertThat(seen.get("requests")).isEmpty();
        assertThat(seen.at("/counts/total").asText()).isEqualTo("10000");
        // figures for docs/reports.md; not asserted (the machine's load decides them)
        System.out.printf(Locale.ROOT, "report.html with 10000 cases: %.1f MiB, rendered in %d ms, opened (load event) in %d ms%n",
                Files.size(html) / 1048576.0, renderMs, seen.get("loadMs").asLong());
    }

    /** n http cases made from the sample's: one in twenty failed with its step log, the rest passed. */
    static RunResult manyCases(RunResult base, int n) throws IOException {
        RunResult big = Json.MAPPER.readValue(Json.MAPPER.writeValueAsBytes(base), RunResult.class);
        big.cases.clear();
        List<CaseResult> templates = base.cases;
        for (int i = 0; i < n; i++) {
            CaseResult c = Json.MAPPER.readValue(Json.MAPPER.writeValueAsBytes(templates.get(i % 2 == 0 ? 0 : 4)), CaseResult.class);
            c.caseId = String.format(Locale.ROOT, "CASE_%05d", i);
            c.title = "Generated case number " + i + " of the large suite";
            c.durationMs = 5 + (i * 37L) % 900;
            c.steps.forEach(step -> {
                step.load = null;
                step.findings = null;
            });
            if (i % 20 == 7) {
                c.outcome = Outcome.FAILED;
                c.errorKind = i % 40 == 7 ? ErrorKind.STATUS : ErrorKind.JSON_PATH;
                c.message = "step \"list\": status: expected 200, actual 503";
                c.steps.get(0).outcome = Outcome.FAILED;
                c.steps.get(0).message = c.message;
            }
            big.cases.add(c);
        }
        big.summary = RunResult.summarize(big.cases);
        return big;
    }

    private JsonNode open(Path html) throws IOException, URISyntaxException {
        Path modules = NpmTools.DIR.resolve("node_modules");
        NpmTools.Run run = NpmTools.run(dir, 300, List.of("NODE_PATH=" + modules, "CHROMIUM=" + CHROMIUM),
                "node", script.toString(), html.toString());
        assertThat(run.exit()).as(run.output()).isZero();
        String last = run.output().lines().filter(l -> l.startsWith("{")).reduce((a, b) -> b).orElseThrow(
                () -> new AssertionError("no result from the browser: " + run.output()));
        return Json.MAPPER.readTree(last);
    }
}
