package dev.itf.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.itf.json.Json;
import dev.itf.results.RunResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The real Allure command line (npm allure-commandline) reads ITF's allure-results unchanged. */
class AllureCliTest {

    static final String VERSION = "2.46.1";

    static SampleRun sample;
    static Path allure;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws Exception {
        allure = NpmTools.ensure("allure-commandline", VERSION).resolve("bin").resolve("allure");
        sample = new SampleRun();
    }

    @AfterAll
    static void stop() {
        if (sample != null) {
            sample.close();
        }
    }

    @Test
    void allureGenerateShowsEveryCaseWithItsStatusRetriesAndCategories() throws Exception {
        ReportWriter.write(sample.result, dir, EnumSet.of(ReportFormat.ALLURE));
        Path report = generate(dir.resolve("allure-results"));

        JsonNode summary = Json.MAPPER.readTree(report.resolve("widgets/summary.json").toFile());
        assertThat(summary.at("/statistic/total").asInt()).isEqualTo(6);
        assertThat(summary.at("/statistic/passed").asInt()).isEqualTo(4);
        assertThat(summary.at("/statistic/failed").asInt()).isEqualTo(1);
        assertThat(summary.at("/statistic/broken").asInt()).isEqualTo(1);

        List<JsonNode> cases = testCases(report);
        assertThat(cases).extracting(c -> c.get("name").asText()).contains("API_001 List orders", "API_003 Payments service answers");
        JsonNode failed = cases.stream().filter(c -> c.get("name").asText().startsWith("API_002")).findFirst().orElseThrow();
        assertThat(failed.get("status").asText()).isEqualTo("failed");
        assertThat(failed.get("statusMessage").asText()).contains("expected \"SHIPPED\"");
        assertThat(failed.at("/extra/severity").asText()).isEqualTo("critical");
        assertThat(failed.at("/testStage/steps/0/status").asText()).isEqualTo("failed");
        assertThat(failed.at("/testStage/steps/0/attachments/0/name").asText()).isEqualTo("request and response");
        JsonNode owned = cases.stream().filter(c -> c.get("name").asText().startsWith("API_001")).findFirst().orElseThrow();
        assertThat(owned.at("/links/0/url").asText()).isEqualTo("https://tracker.example.com/ORD-1");
        assertThat(owned.get("labels").toString()).contains("team-orders");

        // the flaky case: its failed first attempt is a retry of the passed one
        JsonNode flaky = cases.stream().filter(c -> c.get("name").asText().startsWith("API_004") && !c.get("hidden").asBoolean())
                .findFirst().orElseThrow();
        assertThat(flaky.get("status").asText()).isEqualTo("passed");
        assertThat(flaky.get("flaky").asBoolean()).isTrue();
        assertThat(flaky.at("/extra/retries")).hasSize(1);

        JsonNode categories = Json.MAPPER.readTree(report.resolve("data/categories.json").toFile());
        assertThat(categories.findValuesAsText("name")).contains("Failed expectation: jsonPath", "Could not run: connection");
        JsonNode environment = Json.MAPPER.readTree(report.resolve("widgets/environment.json").toFile());
        assertThat(environment.toString()).contains("test-suite").doesNotContain(SampleRun.SECRET_VARIABLE);
        JsonNode executor = Json.MAPPER.readTree(report.resolve("widgets/executors.json").toFile());
        assertThat(executor.toString()).contains("ITF");
    }

    @Test
    void allureShowsTheSuiteHistoryAsTrends() throws Exception {
        History history = History.empty(sample.result.suite);
        for (int hoursAgo = 3; hoursAgo > 0; hoursAgo--) {
            RunResult earlier = Json.MAPPER.readValue(Json.MAPPER.writeValueAsBytes(sample.result), RunResult.class);
            earlier.startedAt = Instant.parse(sample.result.startedAt).minus(Duration.ofHours(hoursAgo)).toString();
            history = history.with(earlier);
        }
        history = history.with(sample.result);
        ReportWriter.write(sample.result, dir, EnumSet.of(ReportFormat.ALLURE), history);
        Path report = generate(dir.resolve("allure-results"));

        JsonNode trend = Json.MAPPER.readTree(report.resolve("widgets/history-trend.json").toFile());
        assertThat(trend).hasSize(4);
        // the case's history tab: the three earlier runs ITF kept
        JsonNode api2 = testCases(report).stream().filter(c -> c.get("name").asText().startsWith("API_002")).findFirst().orElseThrow();
        assertThat(api2.at("/extra/history/items")).hasSize(3);
        assertThat(api2.at("/extra/history/items").findValuesAsText("status")).containsOnly("failed");
        assertThat(api2.at("/extra/history/statistic/failed").asInt()).as("the earlier runs and this one").isEqualTo(4);
    }

    private Path generate(Path results) throws IOException {
        Path report = dir.resolve("allure-report");
        NpmTools.Run run = NpmTools.run(dir, 300, allure.toString(), "generate", results.toString(), "-o", report.toString(), "--clean");
        assertThat(run.exit()).as(run.output()).isZero();
        assertThat(run.output()).contains("Report successfully generated");
        return report;
    }

    private static List<JsonNode> testCases(Path report) throws IOException {
        List<JsonNode> all = new ArrayList<>();
        try (Stream<Path> files = Files.list(report.resolve("data/test-cases"))) {
            for (Path f : files.toList()) {
                all.add(Json.MAPPER.readTree(f.toFile()));
            }
        }
        return all;
    }
}
