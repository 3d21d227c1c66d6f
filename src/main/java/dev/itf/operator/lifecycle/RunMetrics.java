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
 * itf_testruns_active; per suite, of its last finished run: itf_suite_pass_ratio{suite}, itf_suite_last_phase{suite,phase}
 * (1 for the phase it ended in, 0 for the others) and itf_suite_failed_severity{suite} (0 passed, 1 low, 2 medium,
 * 3 high: the most severe failed or errored case); itf_testruns_max_idle_seconds, how long the active run that has
 * gone longest without progress (a phase change or a new case result) has waited. No run names in labels; suites
 * are objects someone wrote, so their number is bounded. For load steps itf_load_latency_seconds{suite,quantile}
 * (of the suite's last run, the slowest load step's) and itf_load_requests_total{suite,result} (ok, error, dropped).
 */
@ApplicationScoped
@io.quarkus.runtime.Startup
public class RunMetrics {
    private final MeterRegistry registry;
    private final Set<String> active = ConcurrentHashMap.newKeySet();
    private final SuiteGauges suites;
    private final RunProgress progress;
    /** The latest load latency per suite and quantile, as the bits of a double, held for their gauges. */
    private final Map<String, AtomicLong> loadLatency = new ConcurrentHashMap<>();
    private static final Map<String, String> QUANTILES = Map.of("0.5", "p50", "0.9", "p90", "0.95", "p95", "0.99", "p99", "0.999", "p99.9", "1", "max");

    public RunMetrics(MeterRegistry registry, java.time.Clock clock) {
        this.registry = registry;
        this.suites = new SuiteGauges(registry);
        this.progress = new RunProgress(clock);
        // held strongly and registered at start-up: the gauges are there before the first run
        io.micrometer.core.instrument.Gauge.builder("itf.testruns.active", active, Set::size).strongReference(true).register(registry);
        io.micrometer.core.instrument.Gauge.builder("itf.testruns.max.idle", progress, RunProgress::longestIdleSeconds)
                .baseUnit("seconds").strongReference(true)
                .description("How long the active run that has gone longest without a phase change or a new case result has waited")
                .register(registry);
    }

    /** Notes the run's phase and counts: a change is progress (for itf_testruns_max_idle_seconds). */
    public void observe(TestRun run, RunPhase phase, dev.itf.api.TestRunStatus.Summary counts) {
        observe(run, phase);
        if (phase.isFinal()) {
            progress.forget(run.getMetadata().getUid());
        } else {
            progress.observe(run.getMetadata().getUid(), phase, counts);
        }
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
        progress.forget(uid);
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
        suites.finished(suite, phase, ResultSummary.lastAttempts(results));
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
