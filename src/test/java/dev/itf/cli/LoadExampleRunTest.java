package dev.itf.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.itf.demo.DemoOptions;
import dev.itf.demo.DemoTarget;
import dev.itf.json.Json;
import dev.itf.results.LoadStats;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The worked example of docs/load.md: examples/load/latency-suite.yaml run against the demo target's /latency. */
class LoadExampleRunTest {

    @TempDir
    Path dir;
    private DemoTarget demo;

    @BeforeEach
    void start() throws Exception {
        demo = new DemoTarget(DemoOptions.defaults(0)).start();
    }

    @AfterEach
    void stop() {
        demo.close();
    }

    @Test
    void theOpenModelCaseHoldsItsThresholdsAndTheErroringOneFailsOnErrorRate() throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Path reports = dir.resolve("reports");
        int code = ItfCommand.execute(new PrintWriter(out, true), new PrintWriter(err, true), "run", "examples/load/latency-suite.yaml",
                "--var", "baseUrl=http://127.0.0.1:" + demo.port(), "--report-dir", reports.toString(), "--format", "json,html");

        assertThat(code).as(out + "\n" + err).isEqualTo(1);
        JsonNode results = Json.MAPPER.readTree(reports.resolve("itf-results.json").toFile());
        JsonNode open = results.at("/cases/0");
        assertThat(open.path("caseId").asText()).isEqualTo("LOAD_001");
        assertThat(open.path("outcome").asText()).as(open.toString()).isEqualTo("passed");
        JsonNode load = open.at("/steps/0/load");
        assertThat(load.path("model").asText()).isEqualTo("open");
        assertThat(load.path("requests").asLong()).isEqualTo(250);
        assertThat(LoadStats.decode(load.path("histogram").asText()).getTotalCount()).isEqualTo(250);
        assertThat(load.path("timeline").size()).isBetween(5, 6);
        assertThat(load.path("latencyMs").path("p50").asDouble()).isBetween(10.0, 40.0);

        JsonNode closed = results.at("/cases/1");
        assertThat(closed.path("outcome").asText()).isEqualTo("failed");
        assertThat(closed.path("errorKind").asText()).isEqualTo("threshold");
        assertThat(closed.path("message").asText()).contains("errorRate");
        assertThat(closed.at("/steps/0/load/model").asText()).isEqualTo("closed");
        assertThat(closed.at("/steps/0/load/errorsByKind/status").asLong()).isPositive();

        String html = Files.readString(reports.resolve("report.html"));
        assertThat(html).contains("Latency percentiles over time").contains("Throughput over time").contains("LOAD_001");
    }
}
