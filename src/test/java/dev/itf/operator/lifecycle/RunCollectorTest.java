package dev.itf.operator.lifecycle;

import dev.itf.results.CaseResult;
import dev.itf.results.Outcome;
import dev.itf.results.TerminationMessage;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RunCollectorTest {

    static CaseResult result(String id, int shard, Outcome outcome) {
        CaseResult r = new CaseResult();
        r.caseId = id;
        r.title = "case " + id;
        r.shard = shard;
        r.outcome = outcome;
        r.message = outcome == Outcome.PASSED ? null : "status: expected 200, actual 500";
        return r;
    }

    static ShardState done(int shard, ShardState.Phase phase, List<CaseResult> summaryOf) {
        String message = summaryOf == null ? null : TerminationMessage.of(shard, summaryOf).render();
        return new ShardState(shard, phase, phase == ShardState.Phase.Failed ? "BackoffLimitExceeded" : null, message);
    }

    @Test
    void aRunningShardKeepsTheRunOpenWithWhatArrivedSoFar() {
        var c = RunCollector.collect(List.of(result("A", 0, Outcome.PASSED)),
                List.of(new ShardState(0, ShardState.Phase.Active, null, null)), 3);
        assertThat(c.complete()).isFalse();
        assertThat(c.summary().counts.total).isEqualTo(3);
        assertThat(c.summary().counts.passed).isEqualTo(1);
    }

    @Test
    void pushedResultsDecideWhenEveryShardFinished() {
        List<CaseResult> stored = List.of(result("A", 0, Outcome.PASSED), result("B", 1, Outcome.FAILED));
        var c = RunCollector.collect(stored, List.of(done(0, ShardState.Phase.Succeeded, stored.subList(0, 1)),
                done(1, ShardState.Phase.Failed, stored.subList(1, 2))), 2);
        assertThat(c.complete()).isTrue();
        assertThat(c.passed()).isFalse();
        assertThat(c.error()).isNull();
        assertThat(c.summary().failures).extracting(f -> f.id).containsExactly("B");
    }

    @Test
    void aTerminationMessageStandsInForResultsThatNeverArrived() {
        List<CaseResult> ran = List.of(result("A", 0, Outcome.PASSED), result("C", 0, Outcome.PASSED));
        var c = RunCollector.collect(List.of(ran.get(0)), List.of(done(0, ShardState.Phase.Succeeded, ran)), 2);
        assertThat(c.complete()).isTrue();
        assertThat(c.passed()).isTrue();
        assertThat(c.summary().counts.passed).isEqualTo(2);
    }

    @Test
    void aShardThatFailedWithoutAWordIsAnError() {
        var c = RunCollector.collect(List.of(), List.of(new ShardState(0, ShardState.Phase.Failed, "DeadlineExceeded",
                "Exception in thread \"main\" java.lang.OutOfMemoryError")), 1);
        assertThat(c.error()).contains("shard 0").contains("DeadlineExceeded").contains("OutOfMemoryError");
    }

    @Test
    void casesWithoutAnyResultAreAnError() {
        List<CaseResult> ran = List.of(result("A", 0, Outcome.PASSED));
        var c = RunCollector.collect(ran, List.of(done(0, ShardState.Phase.Succeeded, ran)), 3);
        assertThat(c.error()).isEqualTo("2 of 3 selected cases reported no result");
    }
}
