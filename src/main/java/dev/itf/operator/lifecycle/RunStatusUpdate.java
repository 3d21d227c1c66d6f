package dev.itf.operator.lifecycle;

import dev.itf.api.RunPhase;
import dev.itf.api.TestRun;
import dev.itf.api.TestRunStatus;
import dev.itf.operator.StatusUpdate;
import dev.itf.operator.results.ResultsResource;
import dev.itf.operator.results.RunResults;
import dev.itf.operator.run.DurationText;
import dev.itf.results.CaseResult;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one place where a TestRun's next status becomes a decision: the phase is derived from the conditions; the status
 * is patched only when it changed, and progress at most once per interval per run (a phase change is never held
 * back); a finish gets its completion time, duration, metrics and notifications; every phase change its Event.
 */
@ApplicationScoped
public class RunStatusUpdate {
    /** How soon a run that just finished is looked at again, for its clean-up. */
    static final Duration AFTER_FINISH = Duration.ofMillis(100);

    private final RunEvents events;
    private final RunMetrics metrics;
    private final RunNotifier notifier;
    private final StatusRateLimit rateLimit;
    private final RunResults results;
    /** Runs whose finish was counted and notified: a reconcile that still sees the run unfinished (a stale cache, a
     * patch that lost a conflict) must not count or notify it again. */
    private final Set<String> announced = ConcurrentHashMap.newKeySet();

    public RunStatusUpdate(RunEvents events, RunMetrics metrics, RunNotifier notifier, StatusRateLimit rateLimit, RunResults results) {
        this.events = events;
        this.metrics = metrics;
        this.notifier = notifier;
        this.rateLimit = rateLimit;
        this.results = results;
    }

    /**
     * @param patch    whether the status is to be patched (the run then holds the next status)
     * @param heldBack when progress was held back by the rate limit, how long until it may go
     */
    public record Decision(boolean patch, Duration heldBack) {
    }

    /**
     * Writes the next status when it is to be written; says when the run is to be looked at again.
     *
     * @param wake when the run must be looked at again whatever happens (its next deadline), or null
     */
    public UpdateControl<TestRun> publish(TestRun run, TestRunStatus next, Instant now, Duration wake, Context<TestRun> context) {
        TestRunStatus seen = run.getStatus();
        Decision d = decide(run, next, now);
        if (d.patch()) {
            StatusUpdate.write(run, seen, context);
        }
        UpdateControl<TestRun> control = UpdateControl.noUpdate();
        if (RunConditions.isTrue(next, RunConditions.COMPLETED)) {
            wake = AFTER_FINISH;
        }
        Duration again = earliest(wake, d.heldBack());
        return again == null ? control : control.rescheduleAfter(Math.max(again.toMillis(), 10));
    }

    public Decision decide(TestRun run, TestRunStatus next, Instant now) {
        TestRunStatus seen = run.getStatus();
        RunPhase before = seen == null ? null : seen.phase;
        RunPhase after = RunConditions.phase(next);
        next.phase = after;
        metrics.observe(run, after, next.summary);
        boolean finishing = RunConditions.isTrue(next, RunConditions.COMPLETED)
                && (seen == null || !RunConditions.isTrue(seen, RunConditions.COMPLETED));
        Duration took = null;
        if (finishing) {
            next.completionTime = now.truncatedTo(ChronoUnit.SECONDS).toString();
            took = next.startTime == null ? Duration.ZERO : Duration.between(Instant.parse(next.startTime), now);
            next.duration = DurationText.format(took);
        }
        if (StatusUpdate.same(seen, next)) {
            return new Decision(false, null);
        }
        String uid = run.getMetadata().getUid();
        if (after == before) {
            Duration wait = rateLimit.wait(uid, now);
            if (!wait.isZero()) {
                return new Decision(false, wait);
            }
        }
        run.setStatus(next);
        if (finishing && after.isFinal() && announced.add(uid)) {
            metrics.finished(run, after, took, finishedResults(run));
            notifier.finished(run, after);
        }
        if (after != before) {
            events.phaseChanged(run, after, message(next, after), now);
        }
        rateLimit.patched(uid, now);
        return new Decision(true, null);
    }

    /** The TestRun is gone: nothing more to remember of it. */
    public void forget(String uid) {
        announced.remove(uid);
    }

    private List<CaseResult> finishedResults(TestRun run) {
        try {
            return dev.itf.results.LoadShards.combine(results.current(ResultsResource.key(run), problem -> { }));
        } catch (IOException e) {
            return List.of();
        }
    }

    private static Duration earliest(Duration a, Duration b) {
        if (a == null) {
            return b;
        }
        return b == null || a.compareTo(b) <= 0 ? a : b;
    }

    private static String message(TestRunStatus status, RunPhase phase) {
        String type = switch (phase) {
            case Pending -> RunConditions.RESOLVED;
            case Provisioning, Running -> RunConditions.ENVIRONMENT_READY;
            default -> RunConditions.isFalse(status, RunConditions.RESOLVED) ? RunConditions.RESOLVED : RunConditions.SUCCEEDED;
        };
        return RunConditions.get(status, type).map(c -> c.getMessage()).orElse("phase " + phase);
    }
}
