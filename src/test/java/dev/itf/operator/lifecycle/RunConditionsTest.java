package dev.itf.operator.lifecycle;

import dev.itf.api.RunPhase;
import dev.itf.api.TestRunStatus;
import dev.itf.operator.StatusConditions;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

class RunConditionsTest {
    final RunConditions conditions = new RunConditions(new StatusConditions(Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC)));

    @Test
    void thePhaseFollowsTheConditions() {
        TestRunStatus s = new TestRunStatus();
        assertThat(RunConditions.phase(s)).isEqualTo(RunPhase.Pending);
        conditions.set(s, RunConditions.RESOLVED, true, "Resolved", "ok", 1L);
        assertThat(RunConditions.phase(s)).isEqualTo(RunPhase.Pending);
        conditions.set(s, RunConditions.ENVIRONMENT_READY, false, "Provisioning", "waiting for db", 1L);
        assertThat(RunConditions.phase(s)).isEqualTo(RunPhase.Provisioning);
        conditions.set(s, RunConditions.ENVIRONMENT_READY, true, "ComponentsReady", "ready", 1L);
        assertThat(RunConditions.phase(s)).isEqualTo(RunPhase.Running);
        conditions.finish(s, false, RunConditions.CASES_FAILED, "1 failed", 1L);
        assertThat(RunConditions.phase(s)).isEqualTo(RunPhase.Failed);
        assertThat(RunConditions.get(s, RunConditions.COMPLETED).orElseThrow().getReason()).isEqualTo("CasesFinished");
    }

    @Test
    void anErrorReasonMakesTheFinishedRunAnError() {
        TestRunStatus s = new TestRunStatus();
        conditions.set(s, RunConditions.RESOLVED, true, "Resolved", "ok", 1L);
        conditions.finish(s, false, "ProvisioningTimeout", "component db: ImagePullBackOff", 1L);
        assertThat(RunConditions.phase(s)).isEqualTo(RunPhase.Error);
        conditions.finish(s, true, RunConditions.ALL_CASES_PASSED, "all passed", 1L);
        assertThat(RunConditions.phase(s)).isEqualTo(RunPhase.Succeeded);
        TestRunStatus unresolved = new TestRunStatus();
        conditions.set(unresolved, RunConditions.RESOLVED, false, "SuiteNotFound", "spec.suiteRef", 1L);
        assertThat(RunConditions.phase(unresolved)).isEqualTo(RunPhase.Error);
    }
}
