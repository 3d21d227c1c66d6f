package dev.itf.operator.lifecycle;

import dev.itf.api.RunPhase;
import dev.itf.api.Severity;
import dev.itf.results.CaseResult;
import dev.itf.results.Outcome;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Gauges of each suite's last finished run, for dashboards and alerts that ask "how is the suite now" rather than
 * "how many runs": itf_suite_pass_ratio, itf_suite_last_phase{phase} and itf_suite_failed_severity. A suite's gauges
 * appear with its first finished run and stay while the operator runs.
 */
final class SuiteGauges {
    /** The last run of a suite: pass ratio (NaN when no case ran), phase and the failed-severity level. */
    record Last(double passRatio, RunPhase phase, int failedSeverity) {
    }

    private static final List<RunPhase> FINAL = Arrays.stream(RunPhase.values()).filter(RunPhase::isFinal).toList();

    private final MeterRegistry registry;
    private final Map<String, AtomicReference<Last>> last = new ConcurrentHashMap<>();

    SuiteGauges(MeterRegistry registry) {
        this.registry = registry;
    }

    void finished(String suite, RunPhase phase, List<CaseResult> lastAttempts) {
        Last now = of(phase, lastAttempts);
        last.computeIfAbsent(suite, s -> {
            AtomicReference<Last> ref = new AtomicReference<>(now);
            Gauge.builder("itf.suite.pass.ratio", ref, r -> r.get().passRatio()).tag("suite", s)
                    .description("Passed cases / cases that ran, of the suite's last finished run").register(registry);
            Gauge.builder("itf.suite.failed.severity", ref, r -> r.get().failedSeverity()).tag("suite", s)
                    .description("Of the suite's last finished run: 0 passed, else the most severe failed case: 1 low, 2 medium, 3 high")
                    .register(registry);
            for (RunPhase p : FINAL) {
                Gauge.builder("itf.suite.last.phase", ref, r -> r.get().phase() == p ? 1 : 0).tags("suite", s, "phase", p.name())
                        .description("1 for the phase the suite's last finished run ended in").register(registry);
            }
            return ref;
        }).set(now);
    }

    static Last of(RunPhase phase, List<CaseResult> cases) {
        int passed = 0;
        int ran = 0;
        int severity = 0;
        for (CaseResult c : cases) {
            if (c.outcome == Outcome.SKIPPED) {
                continue;
            }
            ran++;
            if (c.outcome == Outcome.PASSED) {
                passed++;
            } else {
                severity = Math.max(severity, level(c.severityOrDefault()));
            }
        }
        if (phase != RunPhase.Succeeded && severity == 0) {
            // the run failed without a failed case (it could not run at all): as severe as a case of default severity
            severity = level(Severity.MEDIUM);
        }
        return new Last(ran == 0 ? Double.NaN : (double) passed / ran, phase, phase == RunPhase.Succeeded ? 0 : severity);
    }

    static int level(Severity s) {
        return switch (s) {
            case HIGH -> 3;
            case MEDIUM -> 2;
            case LOW -> 1;
        };
    }
}
