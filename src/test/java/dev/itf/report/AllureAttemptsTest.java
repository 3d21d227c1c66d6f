package dev.itf.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.itf.json.Json;
import dev.itf.results.Attempt;
import dev.itf.results.CaseResult;
import dev.itf.results.Outcome;
import dev.itf.results.RunResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Allure takes the attempt that started last as a case's result: attempts shorter than a millisecond keep their order. */
class AllureAttemptsTest {
    @TempDir
    Path dir;

    @Test
    void aRetryWithinTheSameMillisecondStillStartsAfterTheAttemptItRetries() throws IOException {
        String at = "2026-12-02T04:00:00.123Z";
        Attempt first = new Attempt();
        first.attempt = 1;
        first.outcome = Outcome.ERRORED;
        first.message = "503 from /flaky";
        first.startedAt = at;
        first.durationMs = 0;
        CaseResult c = new CaseResult();
        c.caseId = "API_004";
        c.title = "Flaky endpoint";
        c.outcome = Outcome.PASSED;
        c.attempt = 2;
        c.flaky = true;
        c.startedAt = at;
        c.durationMs = 0;
        c.earlierAttempts = List.of(first);
        RunResult run = new RunResult();
        run.suite = "orders";
        run.startedAt = at;
        run.finishedAt = at;
        run.cases = new ArrayList<>(List.of(c));
        run.summary = RunResult.summarize(run.cases);

        ReportWriter.write(run, dir, EnumSet.of(ReportFormat.ALLURE));

        List<JsonNode> results = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir.resolve("allure-results"))) {
            for (Path f : files.filter(p -> p.getFileName().toString().endsWith("-result.json")).toList()) {
                results.add(Json.MAPPER.readTree(f.toFile()));
            }
        }
        assertThat(results).hasSize(2);
        JsonNode passed = results.stream().filter(r -> r.get("status").asText().equals("passed")).findFirst().orElseThrow();
        JsonNode retried = results.stream().filter(r -> !r.get("status").asText().equals("passed")).findFirst().orElseThrow();
        assertThat(passed.get("start").asLong()).isGreaterThan(retried.get("start").asLong());
        assertThat(passed.get("historyId").asText()).isEqualTo(retried.get("historyId").asText());
    }
}
