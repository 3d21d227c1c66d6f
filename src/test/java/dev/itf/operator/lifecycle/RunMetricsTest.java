package dev.itf.operator.lifecycle;

import dev.itf.api.LocalObjectRef;
import dev.itf.api.RunPhase;
import dev.itf.api.Severity;
import dev.itf.api.TestRun;
import dev.itf.api.TestRunSpec;
import dev.itf.api.TestRunStatus;
import dev.itf.results.CaseResult;
import dev.itf.results.ErrorKind;
import dev.itf.results.Outcome;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.micrometer.prometheus.PrometheusConfig;
import io.micrometer.prometheus.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The metrics of SPEC §5 as Prometheus scrapes them, with no run name in any label. */
class RunMetricsTest {
    private Instant now = Instant.parse("2026-01-01T10:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public ZoneId getZone() {
            return ZoneId.of("UTC");
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final RunMetrics metrics = new RunMetrics(registry, clock);

    private static TestRun run(String name, String uid) {
        TestRun r = new TestRun();
        r.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace("team").withUid(uid).build());
        r.setSpec(new TestRunSpec());
        r.getSpec().suiteRef = new LocalObjectRef("orders");
        return r;
    }

    private static CaseResult result(String id, Outcome outcome, Severity severity, ErrorKind kind) {
        CaseResult c = new CaseResult();
        c.caseId = id;
        c.outcome = outcome;
        c.severity = severity;
        c.errorKind = kind;
        c.durationMs = 120;
        return c;
    }

    private static TestRunStatus.Summary counts(int total, int passed) {
        TestRunStatus.Summary s = new TestRunStatus.Summary();
        s.total = total;
        s.passed = passed;
        return s;
    }

    @Test
    void aFinishedRunSetsItsSuitesGaugesAndCountsItsErrorKinds() {
        TestRun first = run("nightly-1", "u1");
        metrics.observe(first, RunPhase.Running, counts(0, 0));
        metrics.finished(first, RunPhase.Failed, Duration.ofSeconds(42), List.of(
                result("A", Outcome.PASSED, null, null), result("B", Outcome.PASSED, null, null),
                result("C", Outcome.FAILED, Severity.HIGH, ErrorKind.STATUS), result("D", Outcome.ERRORED, Severity.LOW, ErrorKind.CONNECTION),
                result("E", Outcome.SKIPPED, null, null)));
        metrics.observe(first, RunPhase.Failed, counts(5, 2));
        String text = registry.scrape();
        assertThat(text).contains("itf_suite_pass_ratio{suite=\"orders\",} 0.5")
                .contains("itf_suite_failed_severity{suite=\"orders\",} 3.0")
                .contains("itf_suite_last_phase{phase=\"Failed\",suite=\"orders\",} 1.0")
                .contains("itf_suite_last_phase{phase=\"Succeeded\",suite=\"orders\",} 0.0")
                .contains("itf_testcase_errors_total{kind=\"status\",suite=\"orders\",} 1.0")
                .contains("itf_testcase_errors_total{kind=\"connection\",suite=\"orders\",} 1.0")
                .contains("itf_testruns_total{phase=\"Failed\",suite=\"orders\",} 1.0")
                .contains("itf_testrun_duration_seconds_sum{suite=\"orders\",} 42.0")
                .contains("itf_testruns_active 0.0")
                .doesNotContain("nightly-1").doesNotContain("u1\"");

        TestRun second = run("nightly-2", "u2");
        metrics.finished(second, RunPhase.Succeeded, Duration.ofSeconds(40), List.of(result("A", Outcome.PASSED, null, null)));
        text = registry.scrape();
        assertThat(text).contains("itf_suite_pass_ratio{suite=\"orders\",} 1.0")
                .contains("itf_suite_failed_severity{suite=\"orders\",} 0.0")
                .contains("itf_suite_last_phase{phase=\"Succeeded\",suite=\"orders\",} 1.0")
                .contains("itf_suite_last_phase{phase=\"Failed\",suite=\"orders\",} 0.0");
    }

    @Test
    void theIdleGaugeGrowsUntilAnActiveRunProgresses() {
        assertThat(registry.scrape()).contains("itf_testruns_max_idle_seconds 0.0");
        TestRun r = run("r", "u3");
        metrics.observe(r, RunPhase.Running, counts(0, 0));
        now = now.plusSeconds(600);
        metrics.observe(r, RunPhase.Running, counts(0, 0));
        assertThat(registry.scrape()).contains("itf_testruns_max_idle_seconds 600.0");
        metrics.observe(r, RunPhase.Running, counts(1, 1));
        now = now.plusSeconds(5);
        assertThat(registry.scrape()).contains("itf_testruns_max_idle_seconds 5.0");
        metrics.observe(r, RunPhase.Succeeded, counts(1, 1));
        assertThat(registry.scrape()).contains("itf_testruns_max_idle_seconds 0.0");
    }

    @Test
    void aRunThatCouldNotRunAtAllCountsAsMediumSeverity() {
        assertThat(SuiteGauges.of(RunPhase.Error, List.of())).isEqualTo(new SuiteGauges.Last(Double.NaN, RunPhase.Error, 2));
    }
}
