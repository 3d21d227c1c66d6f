package dev.itf.operator.results;

import dev.itf.results.CaseResult;
import dev.itf.results.Outcome;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static dev.itf.results.CaseResults.result;
import static org.assertj.core.api.Assertions.assertThat;

/** What every result store promises; each store's test runs these against a real instance of its kind. */
abstract class ResultStoreContract {
    final RunKey run = new RunKey("team", "orders-1", "uid-1");

    /** A store over the same data each time it is called: a second call is the store after an operator restart. */
    abstract ResultStore store() throws Exception;

    @Test
    void storesEachAttemptOnceKeepsTheFirstAndReadsBackInOrder() throws Exception {
        ResultStore store = store();
        store.putAll(run, List.of(result("API_001", 1, Outcome.FAILED, "first")));
        store.putAll(run, List.of(result("API_001", 1, Outcome.PASSED, "again"), result("API_001", 2, Outcome.PASSED, null),
                result("a:b/c", 1, Outcome.PASSED, null)));
        store.putAll(run, List.of(result("API_001", 1, Outcome.PASSED, "a third time")));
        store.putAll(run, List.of());

        List<CaseResult> all = store().list(run);
        assertThat(all).extracting(r -> r.caseId + "@" + r.attempt).containsExactly("API_001@1", "API_001@2", "a:b/c@1");
        assertThat(all.get(0).message).isEqualTo("first");
        assertThat(all.get(0).outcome).isEqualTo(Outcome.FAILED);
        assertThat(store.list(new RunKey("team", "orders-1", "other-uid"))).isEmpty();
    }

    /** Shard {@code shard}'s share of a load split over two runner Jobs. */
    static CaseResult share(int shard, String message) {
        CaseResult r = result("LOAD_001", 1, Outcome.PASSED, message);
        r.shard = shard;
        dev.itf.results.StepResult s = new dev.itf.results.StepResult();
        s.name = "browse under load";
        s.outcome = Outcome.PASSED;
        s.load = new dev.itf.results.LoadResult();
        s.load.shard = shard;
        s.load.shards = 2;
        r.steps.add(s);
        return r;
    }

    @Test
    void everyShareOfASplitLoadIsKeptEachOnce() throws Exception {
        ResultStore store = store();
        store.putAll(run, List.of(share(0, "first")));
        store.putAll(run, List.of(share(1, "first")));
        store.putAll(run, List.of(share(1, "again"), share(0, "again")));
        store.putAll(run, List.of(share(0, "a third time")));

        List<CaseResult> all = store().list(run);
        assertThat(all).extracting(r -> r.caseId + "@" + r.attempt + " shard " + r.shard + " " + r.message)
                .containsExactlyInAnyOrder("LOAD_001@1 shard 0 first", "LOAD_001@1 shard 1 first");
    }

    @Test
    void aBatchOfManyIsReadBackWhole() throws Exception {
        ResultStore store = store();
        List<CaseResult> batch = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            batch.add(result(String.format("CASE_%03d", i), 1, i % 7 == 0 ? Outcome.FAILED : Outcome.PASSED, "m" + i));
        }
        store.putAll(run, batch);
        List<CaseResult> read = store().list(run);
        assertThat(read).hasSize(120);
        assertThat(read.get(7).message).isEqualTo("m7");
        assertThat(read.get(7).outcome).isEqualTo(Outcome.FAILED);
    }

    @Test
    void deleteForgetsOnlyThatRunsResultsAndRunsNamesTheOthers() throws Exception {
        ResultStore store = store();
        RunKey other = new RunKey("team", "orders-2", "uid-2");
        store.putAll(run, List.of(result("API_001", 1, Outcome.PASSED, null)));
        store.putAll(other, List.of(result("API_001", 1, Outcome.PASSED, null), result("API_002", 1, Outcome.PASSED, null)));
        assertThat(store.runs()).containsExactlyInAnyOrder(run, other);
        store.delete(run);
        assertThat(store.list(run)).isEmpty();
        assertThat(store.list(other)).hasSize(2);
        assertThat(store().runs()).containsExactly(other);
    }

    @Test
    void theHistoryIsNewestFirstOncePerRunAndForgetRemovesEverything() throws Exception {
        ResultStore store = store();
        Instant t = Instant.parse("2026-11-01T10:00:00Z");
        FinishedRun older = finished(run, "orders-api", "Failed", t);
        RunKey second = new RunKey("team", "orders-2", "uid-2");
        FinishedRun newer = finished(second, "orders-api", "Succeeded", t.plusSeconds(60));
        store.recordFinished(older);
        store.recordFinished(newer);
        store.recordFinished(newer);
        store.putAll(run, List.of(result("API_001", 1, Outcome.FAILED, null)));
        assertThat(store().history()).containsExactly(newer, older);

        store.delete(run);
        assertThat(store.history()).as("deleting results keeps the history").containsExactly(newer, older);
        store.putAll(second, List.of(result("API_001", 1, Outcome.PASSED, null)));
        store.forget(second);
        assertThat(store().history()).containsExactly(older);
        assertThat(store.list(second)).isEmpty();
        assertThat(store.runs()).isEmpty();
    }

    @Test
    void describesItselfWithoutASecret() throws Exception {
        assertThat(store().describe()).isNotBlank().doesNotContain(secretInConfiguration());
    }

    /** A password or key the store was configured with, which no message may show. */
    String secretInConfiguration() {
        return "no-secret-configured";
    }

    static FinishedRun finished(RunKey key, String suite, String phase, Instant at) {
        return new FinishedRun(key.namespace(), key.name(), key.uid(), suite, phase, at, 3, "Succeeded".equals(phase) ? 3 : 2,
                "Succeeded".equals(phase) ? 0 : 1, 0, 0, 0, 1500);
    }
}
