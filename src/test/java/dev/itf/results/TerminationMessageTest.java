package dev.itf.results;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TerminationMessageTest {

    @Test
    void countsTheLastAttemptOfEachCaseAndRoundTrips() {
        CaseResult flaky = CaseResults.result("A", 2, Outcome.PASSED, null);
        flaky.flaky = true;
        List<CaseResult> results = List.of(
                CaseResults.result("A", 1, Outcome.FAILED, "boom"),
                flaky,
                CaseResults.result("B", 1, Outcome.FAILED, "status 500, expected 200"),
                CaseResults.result("C", 1, Outcome.ERRORED, "connection refused"),
                CaseResults.result("D", 1, Outcome.SKIPPED, null));
        TerminationMessage m = TerminationMessage.of(2, results);
        TerminationMessage back = TerminationMessage.parse(m.render()).orElseThrow();
        assertThat(back.shard).isEqualTo(2);
        assertThat(back.summary.counts.total).isEqualTo(4);
        assertThat(back.summary.counts.passed).isEqualTo(1);
        assertThat(back.summary.counts.flaky).isEqualTo(1);
        assertThat(back.summary.counts.failed).isEqualTo(1);
        assertThat(back.summary.counts.errored).isEqualTo(1);
        assertThat(back.summary.counts.skipped).isEqualTo(1);
        assertThat(back.summary.failures).extracting(f -> f.id).containsExactly("B", "C");
    }

    @Test
    void staysUnderFourKibibytesWithManyLongFailures() {
        List<CaseResult> results = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            results.add(CaseResults.result("CASE_" + i, 1, Outcome.FAILED, "x".repeat(3000)));
        }
        String text = TerminationMessage.of(0, results).render();
        assertThat(text.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(TerminationMessage.MAX_BYTES);
        TerminationMessage back = TerminationMessage.parse(text).orElseThrow();
        assertThat(back.summary.counts.failed).isEqualTo(200);
        assertThat(back.summary.failures).isNotEmpty();
    }

    @Test
    void aLogTailIsNotASummary() {
        assertThat(TerminationMessage.parse("Exception in thread main java.lang.OutOfMemoryError {}")).isEmpty();
        assertThat(TerminationMessage.parse(null)).isEmpty();
        assertThat(TerminationMessage.parse("")).isEmpty();
    }
}
