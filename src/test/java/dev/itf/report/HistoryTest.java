package dev.itf.report;

import dev.itf.results.CaseResult;
import dev.itf.results.CaseResults;
import dev.itf.results.Outcome;
import dev.itf.results.RunResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class HistoryTest {

    @TempDir
    Path dir;

    static RunResult run(CaseResult... cases) {
        RunResult r = new RunResult();
        r.suite = "orders-api";
        r.startedAt = "2026-01-31T12:00:00Z";
        r.durationMs = 1000;
        r.cases = List.of(cases);
        r.summary = RunResult.summarize(r.cases);
        return r;
    }

    static CaseResult c(String id, Outcome o) {
        return CaseResults.result(id, 1, o, null);
    }

    static CaseResult flaky(String id) {
        CaseResult r = CaseResults.result(id, 2, Outcome.PASSED, null);
        r.flaky = true;
        return r;
    }

    @Test
    void eachRunAddsOneLetterPerCaseAndCasesThatCameLaterStartWithGaps() {
        History h = History.empty("orders-api")
                .with(run(c("A", Outcome.PASSED), c("B", Outcome.FAILED)))
                .with(run(c("A", Outcome.PASSED), c("B", Outcome.ERRORED), c("C", Outcome.SKIPPED)))
                .with(run(c("A", Outcome.FAILED), flaky("C")));
        assertThat(h.runs).hasSize(3);
        assertThat(h.cases).containsEntry("A", "PPF").containsEntry("B", "FE-").containsEntry("C", "-SK");
        assertThat(h.runs.get(2).passRate()).isEqualTo(0.5);
    }

    @Test
    void flakyCasesPassedOnARetryOrWentBackAndForth() {
        History h = History.empty("s");
        Outcome[][] outcomes = {
                {Outcome.PASSED, Outcome.FAILED, Outcome.PASSED, Outcome.FAILED},
                {Outcome.PASSED, Outcome.PASSED, Outcome.PASSED, Outcome.PASSED}};
        for (int i = 0; i < 4; i++) {
            h = h.with(run(c("FLIPS", outcomes[0][i]), c("STEADY", outcomes[1][i]),
                    c("BROKE", i < 2 ? Outcome.PASSED : Outcome.FAILED), i == 1 ? flaky("RETRIED") : c("RETRIED", Outcome.PASSED)));
        }
        assertThat(h.flakyCases()).containsExactlyInAnyOrder("FLIPS", "RETRIED");
    }

    @Test
    void keepsTheLastFiftyRunsAndSurvivesSaveAndLoad() throws Exception {
        History h = History.empty("orders-api");
        for (int i = 0; i < 60; i++) {
            h = h.with(run(c("A", i < 55 ? Outcome.PASSED : Outcome.FAILED), c("OLD", Outcome.PASSED)));
        }
        assertThat(h.runs).hasSize(History.MAX_RUNS);
        assertThat(h.cases.get("A")).hasSize(History.MAX_RUNS).endsWith("PFFFFF");
        h.save(dir);
        History back = History.load(dir, "orders-api");
        assertThat(back.runs).hasSize(History.MAX_RUNS);
        assertThat(back.cases).isEqualTo(h.cases);
        assertThat(History.load(dir, "never-ran").runs).isEmpty();
    }
}
