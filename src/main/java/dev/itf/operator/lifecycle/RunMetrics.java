package dev.itf.operator.lifecycle;

import dev.itf.api.RunPhase;
import dev.itf.api.TestRun;
import dev.itf.results.CaseResult;
import dev.itf.results.Outcome;
import dev.itf.results.ResultSummary;
import dev.itf.results.LoadResult;
import dev.itf.results.StepResult;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The run metrics: itf_testruns_total{suite,phase}, itf_testrun_duration_seconds{suite},
 * itf_testcases_total{suite,result}, itf_testcase_errors_total{suite,kind}, itf_testcase_duration_seconds{suite},
 * itf_testruns_active, and for load steps itf_load_latency_seconds{suite,quantile} (of the suite's last run, the
 * slowest load step's) and itf_load_requests_total{suite,result} (ok, error, dropped). No run names in labels.
 */
@ApplicationScoped
@io.quarkus.runtime.Startup
public class RunMetrics {
    private final MeterRegistry registry;
    private final Set<String> active = ConcurrentHashMap.newKeySet();
    /** The latest load latency per suite and quantile, as the bits of a double, held for their gauges. */
    private final Map<String, AtomicLong> loadLatency = new ConcurrentHashMap<>();
    private static final Map<String, String> QUANTILES = Map.of("0.5", "p50", "0.9", "p90", "0.95", "p95", "0.99", "p99", "0.999", "p99.9", "1", "max");

    public RunMetrics(MeterRegistry registry) {
        this.registry = registry;
        // held strongly and registered at start-up: the gauge is there before the first run
        io.micrometer.core.instrument.Gauge.builder("itf.testruns.active", active, Set::size).strongReference(true).register(registry);
    }

    public void observe(TestRun run, RunPhase phase) {
        if (phase.isFinal()) {
            active.remove(run.getMetadata().getUid());
        } else {
            active.add(run.getMetadata().getUid());
        }
    }

    public void forget(String uid) {
        active.remove(uid);
    }

    public void finished(TestRun run, RunPhase phase, Duration duration, List<CaseResult> results) {
        String suite = run.getSpec().suiteRef == null ? "" : run.getSpec().suiteRef.name;
        registry.counter("itf.testruns", "suite", suite, "phase", phase.name()).increment();
        Timer.builder("itf.testrun.duration").tag("suite", suite).register(registry).record(duration);
        Timer cases = Timer.builder("itf.testcase.duration").tag("suite", suite).register(registry);
        for (CaseResult r : ResultSummary.lastAttempts(results)) {
            String result = r.outcome == Outcome.PASSED && r.flaky ? "flaky"
                    : (r.outcome == null ? Outcome.ERRORED : r.outcome).name().toLowerCase();
            registry.counter("itf.testcases", "suite", suite, "result", result).increment();
            cases.record(Duration.ofMillis(r.durationMs));
            if ((r.outcome == Outcome.FAILED || r.outcome == Outcome.ERRORED) && r.errorKind != null) {
                registry.counter("itf.testcase.errors", "suite", suite, "kind", r.errorKind.id()).increment();
            }
        }
        load(suite, ResultSummary.lastAttempts(results));
    }

    /** The load steps' counters, and the quantiles of the slowest load step (by p95) as the suite's latency gauges. */
    private void load(String suite, List<CaseResult> results) {
        LoadResult slowest = null;
        for (CaseResult r : results) {
            for (StepResult s : r.steps) {
                LoadResult l = s.load;
                if (l == null) {
                    continue;
                }
                long requests = l.requests == null ? 0 : l.requests;
                long errors = l.errors == null ? 0 : l.errors;
                registry.counter("itf.load.requests", "suite", suite, "result", "ok").increment(requests - errors);
                registry.counter("itf.load.requests", "suite", suite, "result", "error").increment(errors);
                if (l.dropped != null) {
                    registry.counter("itf.load.requests", "suite", suite, "result", "dropped").increment(l.dropped);
                }
                if (l.latencyMs.get("p95") != null && (slowest == null || l.latencyMs.get("p95") > slowest.latencyMs.get("p95"))) {
                    slowest = l;
                }
            }
        }
        if (slowest == null) {
            return;
        }
        for (Map.Entry<String, String> q : QUANTILES.entrySet()) {
            Double ms = slowest.latencyMs.get(q.getValue());
            if (ms == null) {
                continue;
            }
            AtomicLong holder = loadLatency.computeIfAbsent(suite + "\n" + q.getKey(), k -> {
                AtomicLong h = new AtomicLong();
                Gauge.builder("itf.load.latency.seconds", h, x -> Double.longBitsToDouble(x.get()))
                        .tags("suite", suite, "quantile", q.getKey()).strongReference(true).register(registry);
                return h;
            });
            holder.set(Double.doubleToLongBits(ms / 1000));
        }
    }
}
