package dev.itf.results;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class LoadShardsTest {

    /** A share's measurements from its latency samples (microseconds), with a p95 threshold of 120ms. */
    private static LoadResult share(int shard, long[] micros) {
        Histogram h = LoadStats.histogram();
        for (long v : micros) {
            h.recordValue(v);
        }
        LoadResult l = new LoadResult();
        l.model = "open";
        l.requests = (long) micros.length;
        l.errors = 0L;
        l.dropped = 0L;
        l.measuredMs = 10_000L;
        l.throughput = micros.length / 10.0;
        l.histogram = LoadStats.encode(h);
        l.latencyMs = LoadStats.latencyMs(h);
        l.shard = shard;
        l.shards = 2;
        LoadThresholds.judge(l, LoadThresholds.parse(dev.itf.json.Json.MAPPER.createObjectNode().put("p95", "120ms")), null);
        return l;
    }

    private static CaseResult caseOf(int shard, LoadResult load) {
        CaseResult c = new CaseResult();
        c.caseId = "browse";
        c.shard = shard;
        c.outcome = Outcome.PASSED;
        StepResult s = new StepResult();
        s.name = "browse under load";
        s.type = "load";
        s.outcome = Outcome.PASSED;
        s.load = load;
        c.steps.add(s);
        return c;
    }

    @Test
    void theMergedP95IsTheP95OfAllSamplesTogetherNotAnAverageOfTheShardsP95s() {
        Random random = new Random(42);
        long[] fast = new long[9000];
        long[] slow = new long[1000];
        for (int i = 0; i < fast.length; i++) {
            fast[i] = 1000 + random.nextInt(9000);          // 1 to 10 ms
        }
        for (int i = 0; i < slow.length; i++) {
            slow[i] = 100_000 + random.nextInt(100_000);    // 100 to 200 ms
        }
        LoadResult a = share(0, fast);
        LoadResult b = share(1, slow);
        assertThat(a.thresholds.get(0).passed).isTrue();
        assertThat(b.thresholds.get(0).passed).isFalse();

        List<CaseResult> merged = LoadShards.combine(List.of(caseOf(0, a), caseOf(1, b)));

        assertThat(merged).hasSize(1);
        LoadResult m = merged.get(0).steps.get(0).load;
        long[] all = new long[fast.length + slow.length];
        System.arraycopy(fast, 0, all, 0, fast.length);
        System.arraycopy(slow, 0, all, fast.length, slow.length);
        Histogram together = LoadStats.histogram();
        Arrays.stream(all).forEach(together::recordValue);
        Arrays.sort(all);
        double exactP95Ms = all[(int) Math.ceil(0.95 * all.length) - 1] / 1000.0;

        assertThat(m.requests).isEqualTo(10_000);
        assertThat(m.latencyMs.get("p95")).isEqualTo(LoadStats.ms(together.getValueAtPercentile(95)));
        // the histogram keeps 3 significant digits: the exact sample's p95 within 0.1%
        assertThat(m.latencyMs.get("p95")).isCloseTo(exactP95Ms, within(exactP95Ms * 0.001));
        double averageOfP95s = (a.latencyMs.get("p95") + b.latencyMs.get("p95")) / 2;
        assertThat(Math.abs(m.latencyMs.get("p95") - averageOfP95s)).isGreaterThan(20.0);
        assertThat(m.latencyMs.get("max")).isEqualTo(b.latencyMs.get("max"));
        assertThat(m.throughput).isCloseTo(1000.0, within(0.01));
        assertThat(m.shardsMerged).isEqualTo(2);
        // judged once, on the merged data: 150 ms > 120 ms
        assertThat(m.thresholds).singleElement().satisfies(t -> {
            assertThat(t.passed).isFalse();
            assertThat(t.actual).isEqualTo(LoadThresholds.ms(m.latencyMs.get("p95")));
        });
        CaseResult c = merged.get(0);
        assertThat(c.outcome).isEqualTo(Outcome.FAILED);
        assertThat(c.errorKind).isEqualTo(ErrorKind.THRESHOLD);
        assertThat(c.message).contains("p95").contains("> 120ms").contains("merged measurements of 2 shards");
    }

    @Test
    void aMissingShareIsAnErrorNotAVerdictOnPartialData() {
        LoadResult a = share(0, new long[] {1000, 2000, 3000});
        List<CaseResult> merged = LoadShards.combine(List.of(caseOf(0, a)));
        assertThat(merged.get(0).outcome).isEqualTo(Outcome.ERRORED);
        assertThat(merged.get(0).message).contains("only 1 of 2 shards reported");
    }

    @Test
    void itfReportMergesTheSharesOfShardedRunsIntoOneCase() {
        LoadResult a = share(0, new long[] {1000, 2000, 3000});
        LoadResult b = share(1, new long[] {4000, 5000});
        RunResult r0 = run(0, caseOf(0, a));
        RunResult r1 = run(1, caseOf(1, b));
        RunResult merged = RunMerge.merge(List.of(r0, r1));
        assertThat(merged.cases).singleElement().satisfies(c -> {
            assertThat(c.attempt).isEqualTo(1);
            assertThat(c.earlierAttempts).isNull();
            assertThat(c.outcome).isEqualTo(Outcome.PASSED);
            assertThat(c.steps.get(0).load.requests).isEqualTo(5);
        });
        assertThat(merged.summary.total).isEqualTo(1);
    }

    private static RunResult run(int shard, CaseResult c) {
        RunResult r = new RunResult();
        r.suite = "s";
        r.shard = shard;
        r.shards = 2;
        r.cases = new ArrayList<>(List.of(c));
        return r;
    }
}
