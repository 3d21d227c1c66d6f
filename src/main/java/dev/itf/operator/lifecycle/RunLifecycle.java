package dev.itf.operator.lifecycle;

import dev.itf.api.RunPhase;
import dev.itf.api.TestEnvironment;
import dev.itf.api.TestRun;
import dev.itf.api.TestRunStatus;
import dev.itf.api.TestSuite;
import dev.itf.operator.run.DurationText;
import dev.itf.operator.run.RunInputs;
import dev.itf.operator.run.RunNames;
import dev.itf.operator.run.RunnerSettings;
import dev.itf.operator.run.RunnerJob;
import dev.itf.runner.CaseSelection;
import dev.itf.results.CaseResult;
import dev.itf.operator.results.FileResultStore;
import dev.itf.operator.results.ResultsResource;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * One reconcile of a TestRun: resolve, provision, execute, collect, finish. Every step reads its state from the
 * cluster and the result store and creates by deterministic name, so it may be repeated at any point.
 */
@ApplicationScoped
public class RunLifecycle {
    static final Duration POLL = Duration.ofSeconds(1);

    private final Clock clock;
    private final RunConditions conditions;
    private final RunInputsReader inputs;
    private final Provisioning provisioning;
    private final Execution execution;
    private final FileResultStore store;
    private final RunnerSettings settings;
    private final RunEvents events;
    private final RunMetrics metrics;
    private final RunNotifier notifier;
    private final RunCleanup cleanup;
    private final StatusRateLimit rateLimit;

    public RunLifecycle(Clock clock, RunConditions conditions, RunInputsReader inputs, Provisioning provisioning,
                        Execution execution, FileResultStore store, RunnerSettings settings, RunEvents events,
                        RunMetrics metrics, RunNotifier notifier, RunCleanup cleanup, StatusRateLimit rateLimit) {
        this.clock = clock;
        this.conditions = conditions;
        this.inputs = inputs;
        this.provisioning = provisioning;
        this.execution = execution;
        this.store = store;
        this.settings = settings;
        this.events = events;
        this.metrics = metrics;
        this.notifier = notifier;
        this.cleanup = cleanup;
        this.rateLimit = rateLimit;
    }

    /**
     * @param suite the run's TestSuite, resolved and valid (null when it was deleted since)
     * @param environment its TestEnvironment, or null when the run has none
     */
    public UpdateControl<TestRun> reconcile(TestRun run, TestSuite suite, TestEnvironment environment) {
        Instant now = clock.instant();
        if (run.getStatus() == null) {
            run.setStatus(new TestRunStatus());
        }
        TestRunStatus status = run.getStatus();
        RunPhase before = status.phase;
        if (RunConditions.isTrue(status, RunConditions.COMPLETED)) {
            Optional<Duration> again = cleanup.afterFinish(run, now);
            UpdateControl<TestRun> none = UpdateControl.noUpdate();
            return again.map(d -> none.rescheduleAfter(d.toMillis() + 100)).orElse(none);
        }
        String seen = Serialization.asJson(status);
        status.observedGeneration = run.getMetadata().getGeneration();
        if (status.startTime == null) {
            status.startTime = now.truncatedTo(ChronoUnit.SECONDS).toString();
        }
        Instant start = Instant.parse(status.startTime);
        Duration timeout = DurationText.parse(run.getSpec().timeout, Duration.ofMinutes(30));
        advance(run, suite, environment, status, now, start.plus(timeout));
        if (!RunConditions.isTrue(status, RunConditions.COMPLETED) && now.isAfter(start.plus(timeout))) {
            conditions.finish(status, false, "RunTimeout", "the run did not finish within its timeout of "
                    + run.getSpec().timeout + " (" + waitingFor(status) + ")", run.getMetadata().getGeneration());
        }
        RunPhase after = RunConditions.phase(status);
        status.phase = after;
        metrics.observe(run, after);
        if (after == before && Serialization.asJson(status).equals(seen)) {
            return UpdateControl.<TestRun>noUpdate().rescheduleAfter(POLL.toMillis());
        }
        if (after == before) {
            Duration wait = rateLimit.wait(run.getMetadata().getUid(), now);
            if (!wait.isZero()) {
                return UpdateControl.<TestRun>noUpdate().rescheduleAfter(wait.toMillis());
            }
        }
        status.duration = DurationText.format(Duration.between(start, now));
        if (after.isFinal()) {
            finish(run, status, after, start, now);
        }
        if (after != before) {
            events.phaseChanged(run, after, message(status, after), now);
        }
        rateLimit.patched(run.getMetadata().getUid(), now);
        return UpdateControl.patchStatus(run).rescheduleAfter(POLL.toMillis());
    }

    private void advance(TestRun run, TestSuite suite, TestEnvironment environment, TestRunStatus status, Instant now, Instant deadline) {
        Long generation = run.getMetadata().getGeneration();
        if (RunConditions.isTrue(status, RunConditions.COMPLETED) || !RunConditions.isTrue(status, RunConditions.RESOLVED)) {
            return;
        }
        boolean environmentReady = RunConditions.isTrue(status, RunConditions.ENVIRONMENT_READY);
        if (!environmentReady || !execution.started(run)) {
            if (suite == null || (run.getSpec().environmentRef != null && environment == null)) {
                conditions.finish(status, false, "ReferenceDeleted", "the run's TestSuite or TestEnvironment was deleted before the run started",
                        generation);
                return;
            }
            int selected = CaseSelection.matching(suite.getSpec().cases, RunnerJob.selection(run.getSpec())).size();
            if (selected == 0) {
                conditions.finish(status, false, "NoCasesSelected", "spec.selector: no case of TestSuite "
                        + suite.getMetadata().getName() + " matches the selector", generation);
                return;
            }
            RunInputs in;
            try {
                in = inputs.read(run, suite, environment);
            } catch (RunInputsReader.MissingReferenceException | IllegalArgumentException e) {
                conditions.finish(status, false, "MissingReference", e.getMessage(), generation);
                return;
            }
            status.namespace = RunNames.namespace(run);
            if (!environmentReady && !provision(run, status, in, now, deadline)) {
                return;
            }
            try {
                execution.start(in, Math.max(1, Duration.between(now, deadline).getSeconds()));
            } catch (IllegalArgumentException e) {
                conditions.finish(status, false, "MissingReference", e.getMessage(), generation);
                return;
            }
            status.summary = new TestRunStatus.Summary();
            status.summary.total = selected;
        }
        collect(run, status);
    }

    /** @return whether the environment is ready */
    private boolean provision(TestRun run, TestRunStatus status, RunInputs in, Instant now, Instant runDeadline) {
        Long generation = run.getMetadata().getGeneration();
        Provisioning.Progress progress = provisioning.advance(in);
        if (progress.ready()) {
            conditions.set(status, RunConditions.ENVIRONMENT_READY, true, "ComponentsReady",
                    in.components().isEmpty() ? "no components to provision" : "every component is ready", generation);
            return true;
        }
        Duration allowed = in.environment() == null ? Duration.ZERO
                : DurationText.parse(in.environment().getSpec().provisioningTimeout, Duration.ofMinutes(5));
        Instant deadline = Instant.parse(status.startTime).plus(allowed);
        if (deadline.isAfter(runDeadline)) {
            deadline = runDeadline;
        }
        if (now.isAfter(deadline)) {
            String why = "not ready after " + DurationText.format(Duration.between(Instant.parse(status.startTime), now))
                    + ": " + provisioning.diagnose(in, progress.waiting());
            conditions.set(status, RunConditions.ENVIRONMENT_READY, false, "ProvisioningTimeout", why, generation);
            conditions.finish(status, false, "ProvisioningTimeout", why, generation);
            return false;
        }
        conditions.set(status, RunConditions.ENVIRONMENT_READY, false, "Provisioning",
                "waiting for " + String.join(", ", progress.waiting()), generation);
        return false;
    }

    private void collect(TestRun run, TestRunStatus status) {
        List<ShardState> shards = execution.observe(run);
        int selected = status.summary == null ? 0 : status.summary.total;
        RunCollector.Collected c = RunCollector.collect(results(run), shards, selected);
        status.summary = c.statusSummary();
        status.failures = c.summary().failures;
        status.reportUrl = settings.reportUrl(run.getMetadata().getNamespace(), run.getMetadata().getName());
        if (!c.complete()) {
            return;
        }
        Long generation = run.getMetadata().getGeneration();
        if (c.error() != null) {
            String reason = c.error().contains("reported no result") ? "ResultsMissing" : "RunnerFailed";
            conditions.finish(status, false, reason, c.error(), generation);
        } else if (c.passed()) {
            conditions.finish(status, true, RunConditions.ALL_CASES_PASSED, counts(c), generation);
        } else {
            conditions.finish(status, false, RunConditions.CASES_FAILED, counts(c), generation);
        }
    }

    private void finish(TestRun run, TestRunStatus status, RunPhase phase, Instant start, Instant now) {
        status.completionTime = now.truncatedTo(ChronoUnit.SECONDS).toString();
        metrics.finished(run, phase, Duration.between(start, now), results(run));
        notifier.finished(run, phase);
    }

    private List<CaseResult> results(TestRun run) {
        try {
            return store.list(ResultsResource.key(run));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String counts(RunCollector.Collected c) {
        var s = c.summary().counts;
        return s.passed + " of " + s.total + " cases passed, " + s.failed + " failed, " + s.errored + " errored, "
                + s.skipped + " skipped";
    }

    private static String waitingFor(TestRunStatus status) {
        return RunConditions.isTrue(status, RunConditions.ENVIRONMENT_READY) ? "cases were still running"
                : RunConditions.get(status, RunConditions.ENVIRONMENT_READY).map(c -> c.getMessage()).orElse("not started");
    }

    private static String message(TestRunStatus status, RunPhase phase) {
        String type = switch (phase) {
            case Pending -> RunConditions.RESOLVED;
            case Provisioning, Running -> RunConditions.ENVIRONMENT_READY;
            default -> RunConditions.SUCCEEDED;
        };
        return RunConditions.get(status, type).map(c -> c.getMessage()).orElse("phase " + phase);
    }
}
