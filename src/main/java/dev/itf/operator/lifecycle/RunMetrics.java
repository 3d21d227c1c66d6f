package dev.itf.operator.lifecycle;

import dev.itf.api.RunPhase;
import dev.itf.api.TestRun;
import dev.itf.results.CaseResult;
import dev.itf.results.Outcome;
import dev.itf.results.ResultSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The run metrics: itf_testruns_total{suite,phase}, itf_testrun_duration_seconds{suite},
 * itf_testcases_total{suite,result}, itf_testcase_errors_total{suite,kind}, itf_testcase_duration_seconds{suite},
 * itf_testruns_active. No run names in labels.
 */
@ApplicationScoped
@io.quarkus.runtime.Startup
public class RunMetrics {
    private final MeterRegistry registry;
    private final Set<String> active = ConcurrentHashMap.newKeySet();

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
    }
}
