package dev.itf.results;

import com.fasterxml.jackson.databind.JsonNode;
import dev.itf.json.Json;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class LoadResourcesTest {
    private static final Instant FROM = Instant.parse("2026-03-01T10:00:00Z");
    private static final long GI = 1L << 30;
    private static final long MI = 1L << 20;

    /** A load step measured for 30 s from FROM, with the given thresholds judged as the runner does (not measured). */
    private static LoadResult load(String thresholdsJson) throws Exception {
        JsonNode thresholds = Json.MAPPER.readTree(thresholdsJson);
        LoadResult l = new LoadResult();
        l.requests = 100L;
        l.errors = 0L;
        l.measuredMs = 30_000L;
        l.measuredFrom = FROM.toString();
        l.latencyMs.put("p95", 12.0);
        LoadThresholds.judge(l, LoadThresholds.parse(thresholds), "not measured: outside a cluster");
        return l;
    }

    private static LoadResources.Sample at(int second, double cores, long bytes, Double limit) {
        return new LoadResources.Sample(FROM.plusSeconds(second), cores, bytes, limit, limit == null ? "container api of pod api-1 has no CPU limit" : null);
    }

    private static LoadResources.Usage usage(Map<String, List<LoadResources.Sample>> samples, String unreadable) {
        return new LoadResources.Usage() {
            @Override
            public List<LoadResources.Sample> samples(String component) {
                return samples.getOrDefault(component, List.of());
            }

            @Override
            public String unreadable(String component) {
                return unreadable;
            }
        };
    }

    private static LoadResult.Threshold named(LoadResult l, String name) {
        return l.thresholds.stream().filter(t -> t.name.equals(name)).findFirst().orElseThrow();
    }

    @Test
    void thePeakInsideTheMeasuredPeriodIsJudgedAgainstTheLimitAndSamplesOutsideItDoNotCount() throws Exception {
        LoadResult l = load("{\"p95\": \"50ms\", \"resources\": [{\"component\": \"orders-api\", \"cpu\": \"80%\", \"memory\": \"2Gi\"}]}");
        List<LoadResources.Sample> samples = List.of(
                at(-5, 1.9, 3 * GI, 2.0),               // warm-up: over both limits, but before the measured period
                at(5, 1.0, GI + GI / 4, 2.0),
                at(15, 1.5, 512 * MI, 2.0),             // the CPU peak: 75% of 2 cores
                at(29, 0.5, GI + GI / 2, 2.0),          // the memory peak: 1.5Gi
                at(31, 2.0, 4 * GI, 2.0));              // after it
        LoadResources.judge(l, usage(Map.of("orders-api", samples), null));

        assertThat(named(l, "resources:orders-api:cpu")).satisfies(t -> {
            assertThat(t.actual).isEqualTo("75.0%");
            assertThat(t.passed).isTrue();
            assertThat(t.reason).isNull();
        });
        assertThat(named(l, "resources:orders-api:memory")).satisfies(t -> {
            assertThat(t.actual).isEqualTo("1.5Gi");
            assertThat(t.passed).isTrue();
        });
        assertThat(named(l, "p95").passed).isTrue();
        assertThat(LoadThresholds.failures(l)).isNull();
    }

    @Test
    void aPeakOverTheLimitFailsWithItsActualValueInCoresAndBytes() throws Exception {
        LoadResult l = load("{\"resources\": [{\"component\": \"orders-api\", \"cpu\": \"1.5\", \"memory\": \"512Mi\"},"
                + " {\"component\": \"orders-db\", \"cpu\": \"500m\"}]}");
        LoadResources.judge(l, usage(Map.of(
                "orders-api", List.of(at(10, 1.75, 600 * MI, null), at(20, 1.2, 300 * MI, null)),
                "orders-db", List.of(at(10, 0.4, 100 * MI, 1.0))), null));

        assertThat(named(l, "resources:orders-api:cpu")).satisfies(t -> {
            assertThat(t.actual).isEqualTo("1.75");
            assertThat(t.passed).isFalse();
        });
        assertThat(named(l, "resources:orders-api:memory")).satisfies(t -> {
            assertThat(t.actual).isEqualTo("600Mi");
            assertThat(t.passed).isFalse();
        });
        assertThat(named(l, "resources:orders-db:cpu")).satisfies(t -> {
            assertThat(t.actual).isEqualTo("0.4");
            assertThat(t.passed).isTrue();
        });
        assertThat(LoadThresholds.failures(l)).isEqualTo("thresholds failed: resources:orders-api:cpu 1.75 > 1.5; "
                + "resources:orders-api:memory 600Mi > 512Mi");
    }

    @Test
    void withoutASampleInThePeriodOrACpuLimitTheThresholdIsNotMeasuredAndSaysWhy() throws Exception {
        LoadResult l = load("{\"resources\": [{\"component\": \"orders-api\", \"cpu\": \"80%\", \"memory\": \"1Gi\"},"
                + " {\"component\": \"orders-db\", \"memory\": \"1Gi\"}]}");
        LoadResources.judge(l, usage(Map.of("orders-api", List.of(at(10, 0.2, MI, null)), "orders-db", List.of(at(100, 0.1, MI, 1.0))), null));

        assertThat(named(l, "resources:orders-api:cpu")).satisfies(t -> {
            assertThat(t.passed).isNull();
            assertThat(t.actual).isNull();
            assertThat(t.reason).isEqualTo("not measured: container api of pod api-1 has no CPU limit, so there is nothing 80% is a share of;"
                    + " give cpu in cores instead (e.g. \"1.5\")");
        });
        assertThat(named(l, "resources:orders-api:memory").passed).isTrue();
        assertThat(named(l, "resources:orders-db:memory")).satisfies(t -> {
            assertThat(t.passed).isNull();
            assertThat(t.reason).isEqualTo("not measured: no kubelet sample of orders-db's pods during the measured period");
        });
        assertThat(LoadThresholds.failures(l)).isNull();

        LoadResources.judge(l, usage(Map.of(), "the kubelet's stats summary of node n1 could not be read through the API server (HTTP 403)"));
        assertThat(named(l, "resources:orders-api:memory").reason)
                .isEqualTo("not measured: the kubelet's stats summary of node n1 could not be read through the API server (HTTP 403)");

        l.measuredFrom = null;
        LoadResources.judge(l, usage(Map.of("orders-api", List.of(at(10, 0.2, MI, 1.0))), null));
        assertThat(named(l, "resources:orders-api:memory").reason).isEqualTo("not measured: the runner did not report when the measured period began");
    }

    @Test
    void aFailedResourcesThresholdFailsTheStepAndTheCaseThatPassedButNotAShareOfAShardedLoad() throws Exception {
        CaseResult c = new CaseResult();
        c.caseId = "LOAD_001";
        c.outcome = Outcome.PASSED;
        StepResult s = new StepResult();
        s.name = "browse under load";
        s.outcome = Outcome.PASSED;
        s.load = load("{\"resources\": [{\"component\": \"orders-api\", \"memory\": \"1Gi\"}]}");
        c.steps.add(s);
        StepResult after = new StepResult();
        after.name = "check";
        after.outcome = Outcome.PASSED;
        c.steps.add(after);
        assertThat(LoadResources.any(c)).isTrue();

        CaseResult share = Json.MAPPER.convertValue(c, CaseResult.class);
        share.steps.get(0).load.shards = 2;
        LoadResources.Usage over = usage(Map.of("orders-api", List.of(at(3, 0.1, 2 * GI, 1.0))), null);
        LoadResources.judge(c, over);
        LoadResources.judge(share, over);

        assertThat(c.outcome).isEqualTo(Outcome.FAILED);
        assertThat(c.errorKind).isEqualTo(ErrorKind.THRESHOLD);
        assertThat(c.message).isEqualTo("step \"browse under load\": thresholds failed: resources:orders-api:memory 2Gi > 1Gi");
        assertThat(s.outcome).isEqualTo(Outcome.FAILED);
        assertThat(share.outcome).as("a share's verdict waits for the merge").isEqualTo(Outcome.PASSED);
        assertThat(share.steps.get(0).load.thresholds.get(0).passed).isFalse();
    }

    @Test
    void mergedSharesKeepTheFailedVerdictWithTheHighestPeakAndTheEarliestStart() throws Exception {
        LoadResult a = load("{\"resources\": [{\"component\": \"orders-api\", \"memory\": \"1Gi\"}]}");
        LoadResult b = load("{\"resources\": [{\"component\": \"orders-api\", \"memory\": \"1Gi\"}]}");
        a.shard = 0;
        b.shard = 1;
        a.shards = b.shards = 2;
        b.measuredFrom = FROM.plusMillis(250).toString();
        LoadResources.judge(a, usage(Map.of("orders-api", List.of(at(3, 0.1, 900 * MI, 1.0))), null));
        LoadResources.judge(b, usage(Map.of("orders-api", List.of(at(3, 0.1, 900 * MI, 1.0), at(9, 0.1, GI + 100 * MI, 1.0))), null));

        LoadResult merged = LoadShards.mergeLoads(List.of(a, b));

        assertThat(merged.measuredFrom).isEqualTo(FROM.toString());
        assertThat(merged.thresholds).singleElement().satisfies(t -> {
            assertThat(t.actual).isEqualTo("1.1Gi");
            assertThat(t.passed).isFalse();
        });
        assertThat(LoadResources.bytes(512 * MI)).isEqualTo("512Mi");
        assertThat(LoadResources.bytes(GI + GI / 5)).isEqualTo("1.2Gi");
        assertThat(LoadResources.bytes(1000)).isEqualTo("1000");
    }
}
