package dev.itf.operator.lifecycle;

import dev.itf.api.RunPhase;
import dev.itf.api.TestRunStatus;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * The conditions of a TestRun and the phase derived from them, so phase and conditions never disagree.
 * Resolved, EnvironmentReady, Completed and Succeeded; lastTransitionTime moves only when a status flips.
 */
public final class RunConditions {
    public static final String RESOLVED = "Resolved";
    public static final String ENVIRONMENT_READY = "EnvironmentReady";
    public static final String COMPLETED = "Completed";
    public static final String SUCCEEDED = "Succeeded";

    /** Succeeded=False for this reason means the run executed and a case failed: phase Failed, not Error. */
    public static final String CASES_FAILED = "CasesFailed";
    public static final String ALL_CASES_PASSED = "AllCasesPassed";

    private RunConditions() {
    }

    public static void set(TestRunStatus status, String type, boolean value, String reason, String message,
                           Long generation, Instant now) {
        String s = value ? "True" : "False";
        Optional<Condition> existing = get(status, type);
        String transition = existing.filter(c -> s.equals(c.getStatus())).map(Condition::getLastTransitionTime)
                .orElse(now.truncatedTo(ChronoUnit.SECONDS).toString());
        Condition c = new ConditionBuilder().withType(type).withStatus(s).withReason(reason).withMessage(message)
                .withObservedGeneration(generation).withLastTransitionTime(transition).build();
        status.conditions.removeIf(x -> type.equals(x.getType()));
        status.conditions.add(c);
    }

    public static Optional<Condition> get(TestRunStatus status, String type) {
        return status.conditions.stream().filter(c -> type.equals(c.getType())).findFirst();
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
    public static void finish(TestRunStatus status, boolean succeeded, String reason, String message, Long generation, Instant now) {
        set(status, COMPLETED, true, succeeded || CASES_FAILED.equals(reason) ? "CasesFinished" : reason, message, generation, now);
        set(status, SUCCEEDED, succeeded, reason, message, generation, now);
    }
}
