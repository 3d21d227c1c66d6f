package dev.itf.operator.notify;

import dev.itf.api.RunPhase;
import dev.itf.api.TestRun;
import dev.itf.api.TestRunStatus;

import java.util.ArrayList;
import java.util.List;

/**
 * What every notification of a finished run says, taken from the run when it finishes: the run, its suite, the phase,
 * whether it is the suite's recovery, counts, the first failures and the report link. Never a secret: the status holds
 * none.
 */
public record RunNotice(String namespace, String name, String uid, String suite, RunPhase phase, boolean recovered,
                        TestRunStatus.Summary summary, List<TestRunStatus.Failure> failures, String reportUrl,
                        String completionTime, String duration) {
    /** How many failures a notification lists. */
    public static final int TOP_FAILURES = 5;

    public static RunNotice of(TestRun run, RunPhase phase, boolean recovered) {
        TestRunStatus status = run.getStatus() == null ? new TestRunStatus() : run.getStatus();
        TestRunStatus.Summary summary = status.summary == null ? new TestRunStatus.Summary() : status.summary;
        List<TestRunStatus.Failure> failures = status.failures == null ? List.of()
                : new ArrayList<>(status.failures.stream().limit(TOP_FAILURES).toList());
        return new RunNotice(run.getMetadata().getNamespace(), run.getMetadata().getName(), run.getMetadata().getUid(),
                run.getSpec().suiteRef == null ? null : run.getSpec().suiteRef.name, phase, recovered, summary, failures,
                status.reportUrl, status.completionTime, status.duration);
    }

    /** The phases this finish counts as for notify[].on: the phase, and Recovered when it is the suite's recovery. */
    public List<String> triggers() {
        return recovered ? List.of(phase.name(), "Recovered") : List.of(phase.name());
    }

    /** One line: "orders-api Failed: 40 of 42 passed, 1 failed, 0 errored (team/orders-x7k2p)". */
    public String headline() {
        return (suite == null ? name : suite) + " " + (recovered ? "recovered (Succeeded)" : phase.name()) + ": "
                + summary.passed + " of " + summary.total + " passed, " + summary.failed + " failed, " + summary.errored
                + " errored (" + namespace + "/" + name + ")";
    }
}
