package dev.itf.operator.lifecycle;

import dev.itf.api.RunPhase;
import dev.itf.api.TestRunStatus;
import dev.itf.operator.RunResolution;
import dev.itf.operator.StatusConditions;
import io.fabric8.kubernetes.api.model.Condition;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;

/**
 * The conditions of a TestRun and the phase derived from them, so phase and conditions never disagree:
 * Resolved, EnvironmentReady, Completed and Succeeded.
 */
@ApplicationScoped
public class RunConditions {
    public static final String RESOLVED = RunResolution.CONDITION;
    public static final String ENVIRONMENT_READY = "EnvironmentReady";
    public static final String COMPLETED = "Completed";
    public static final String SUCCEEDED = "Succeeded";

    /** Succeeded=False for this reason means the run executed and a case failed: phase Failed, not Error. */
    public static final String CASES_FAILED = "CasesFailed";
    public static final String ALL_CASES_PASSED = "AllCasesPassed";

    private final StatusConditions conditions;

    public RunConditions(StatusConditions conditions) {
        this.conditions = conditions;
    }

    public void set(TestRunStatus status, String type, boolean value, String reason, String message, Long generation) {
        status.conditions = conditions.with(status.conditions, conditions.condition(type,
                value ? StatusConditions.TRUE : StatusConditions.FALSE, reason, message, generation));
    }

    public static Optional<Condition> get(TestRunStatus status, String type) {
        return StatusConditions.find(status.conditions, type);
    }

    public static boolean isTrue(TestRunStatus status, String type) {
        return get(status, type).map(c -> "True".equals(c.getStatus())).orElse(false);
    }

    public static boolean isFalse(TestRunStatus status, String type) {
        return get(status, type).map(c -> "False".equals(c.getStatus())).orElse(false);
    }

    /** The phase the conditions say the run is in. */
    public static RunPhase phase(TestRunStatus status) {
        if (isFalse(status, RESOLVED)) {
            return RunPhase.Error;
        }
        if (isTrue(status, COMPLETED)) {
            if (isTrue(status, SUCCEEDED)) {
                return RunPhase.Succeeded;
            }
            boolean failedCases = get(status, SUCCEEDED).map(c -> CASES_FAILED.equals(c.getReason())).orElse(false);
            return failedCases ? RunPhase.Failed : RunPhase.Error;
        }
        if (isTrue(status, ENVIRONMENT_READY)) {
            return RunPhase.Running;
        }
        if (isFalse(status, ENVIRONMENT_READY)) {
            return RunPhase.Provisioning;
        }
        return RunPhase.Pending;
    }

    /** Ends the run: Completed=True and Succeeded with the given outcome. */
    public void finish(TestRunStatus status, boolean succeeded, String reason, String message, Long generation) {
        set(status, COMPLETED, true, succeeded || CASES_FAILED.equals(reason) ? "CasesFinished" : reason, message, generation);
        set(status, SUCCEEDED, succeeded, reason, message, generation);
    }
}
