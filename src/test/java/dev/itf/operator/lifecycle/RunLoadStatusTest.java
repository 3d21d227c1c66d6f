package dev.itf.operator.lifecycle;

import dev.itf.api.LocalObjectRef;
import dev.itf.api.RunPhase;
import dev.itf.api.TestRun;
import dev.itf.api.TestRunSpec;
import dev.itf.api.TestRunStatus;
import dev.itf.json.Json;
import dev.itf.results.CaseResult;
import dev.itf.results.LoadResult;
import dev.itf.results.LoadShards;
import dev.itf.results.LoadStats;
import dev.itf.results.LoadThresholds;
import dev.itf.results.Outcome;
import dev.itf.results.StepResult;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RunLoadStatusTest {

    /** Shard {@code shard}'s share of a load step: every sample at {@code micros}, a p95 threshold of 50ms. */
    static CaseResult share(int shard, long micros, int samples) {
        Histogram h = LoadStats.histogram();
        h.recordValueWithCount(micros, samples);
        LoadResult l = new LoadResult();
        l.model = "open";
        l.requests = (long) samples;
        l.errors = 0L;
        l.dropped = 0L;
        l.measuredMs = 10_000L;
        l.histogram = LoadStats.encode(h);
        l.latencyMs = LoadStats.latencyMs(h);
        l.shard = shard;
        l.shards = 2;
        LoadThresholds.judge(l, LoadThresholds.parse(Json.MAPPER.createObjectNode().put("p95", "50ms")), null);
        StepResult s = new StepResult();
        s.name = "browse under load";
        s.type = "load";
        s.outcome = Outcome.PASSED;
        s.load = l;
        CaseResult c = RunCollectorTest.result("L", shard, Outcome.PASSED);
        c.steps.add(s);
        return c;
    }

    @Test
    void theRunsVerdictOnALoadSplitOverShardsIsJudgedOnTheMergedData() {
        // shard 0: 900 samples at 10 ms; shard 1: 100 at 200 ms. Together the p95 is 200 ms: over the 50 ms limit.
        List<CaseResult> stored = List.of(share(0, 10_000, 900), share(1, 200_000, 100));
        var c = RunCollector.collect(stored, List.of(RunCollectorTest.done(0, ShardState.Phase.Succeeded, stored.subList(0, 1)),
                RunCollectorTest.done(1, ShardState.Phase.Succeeded, stored.subList(1, 2))), 1);

        assertThat(c.complete()).isTrue();
        assertThat(c.error()).isNull();
        assertThat(c.passed()).isFalse();
        assertThat(c.summary().counts.total).isEqualTo(1);
        assertThat(c.summary().counts.failed).isEqualTo(1);
        assertThat(c.summary().failures).singleElement().satisfies(f -> assertThat(f.message).contains("p95").contains("> 50ms"));

        List<TestRunStatus.LoadStep> load = RunLoadStatus.of(LoadShards.combine(stored));
        assertThat(load).singleElement().satisfies(l -> {
            assertThat(l.caseId).isEqualTo("L");
            assertThat(l.step).isEqualTo("browse under load");
            assertThat(l.requests).isEqualTo(1000);
            assertThat(l.throughput).isEqualTo("100.0/s");
            assertThat(l.p95).isEqualTo("200.063ms");
            assertThat(l.errorRate).isEqualTo("0.00%");
            assertThat(l.thresholdsHeld).isFalse();
        });
        assertThat(Json.MAPPER.valueToTree(load.get(0)).has("case")).isTrue();
        assertThat(RunLoadStatus.of(List.of(RunCollectorTest.result("A", 0, Outcome.PASSED)))).isNull();
    }

    @Test
    void aFinishedRunExportsItsLoadLatencyAndRequests() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        RunMetrics metrics = new RunMetrics(registry, java.time.Clock.systemUTC());
        TestRun run = new TestRun();
        run.setMetadata(new ObjectMetaBuilder().withName("r").withNamespace("n").withUid("u").build());
        run.setSpec(new TestRunSpec());
        run.getSpec().suiteRef = new LocalObjectRef();
        run.getSpec().suiteRef.name = "orders";

        metrics.finished(run, RunPhase.Failed, Duration.ofSeconds(12), LoadShards.combine(List.of(share(0, 10_000, 900), share(1, 200_000, 100))));

        assertThat(registry.get("itf.load.latency.seconds").tags("suite", "orders", "quantile", "0.95").gauge().value())
                .isEqualTo(0.200063);
        assertThat(registry.get("itf.load.latency.seconds").tags("suite", "orders", "quantile", "0.5").gauge().value())
                .isEqualTo(0.010007);
        assertThat(registry.get("itf.load.requests").tags("suite", "orders", "result", "ok").counter().count()).isEqualTo(1000);
        assertThat(registry.get("itf.load.requests").tags("suite", "orders", "result", "error").counter().count()).isZero();
    }
}
