package dev.itf.operator.lifecycle;

import dev.itf.api.TestEnvironment;
import dev.itf.api.TestRun;
import dev.itf.api.TestRunStatus;
import dev.itf.api.TestSuite;
import dev.itf.results.ComplianceReport;
import dev.itf.results.ResultSummary;
import dev.itf.operator.results.ResultsResource;
import dev.itf.operator.results.RunResults;
import dev.itf.operator.results.RunWakeUps;
import dev.itf.operator.run.DurationText;
import dev.itf.operator.run.RunInputs;
import dev.itf.operator.run.RunNames;
import dev.itf.operator.run.RunnerJob;
import dev.itf.operator.run.RunnerSettings;
import dev.itf.operator.usage.ComponentUsage;
import dev.itf.api.Itf;
import dev.itf.api.Step;
import dev.itf.api.TestCase;
import dev.itf.results.LoadThresholds;
import dev.itf.results.CaseResult;
import dev.itf.runner.CaseSelection;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One reconcile of a resolved TestRun: provision, execute, collect, finish, into the next status. Every step reads
 * the informer caches and the known results and creates by deterministic name, so it may be repeated at any point.
 * Whatever a step throws gets a verdict ({@link RunFailures}), and the run's deadline is checked after every step,
 * failed or not: no run stays in Provisioning or Running without a condition saying why.
 */
@ApplicationScoped
public class RunLifecycle {
    private static final Logger LOG = Logger.getLogger(RunLifecycle.class);

    private final RunConditions conditions;
    private final RunInputsReader inputs;
    private final Provisioning provisioning;
    private final Execution execution;
    private final RunResults results;
    private final RunnerSettings settings;
    private final RunEvents events;
    private final RunFailures failures;
    private final RunCleanup cleanup;
    private final ClusterWriter writer;
    private final RunWakeUps wakeUps;
    private final ComponentUsage usage;
    private final RunCache cache;
    /** What a run's objects are built from, read once per run until its runners exist. */
    private final Map<String, RunInputs> inputsByUid = new ConcurrentHashMap<>();

    public RunLifecycle(RunConditions conditions, RunInputsReader inputs, Provisioning provisioning, Execution execution,
                        RunResults results, RunnerSettings settings, RunEvents events, RunFailures failures,
                        RunCleanup cleanup, ClusterWriter writer, RunWakeUps wakeUps, ComponentUsage usage, RunCache cache) {
        this.conditions = conditions;
        this.inputs = inputs;
        this.provisioning = provisioning;
        this.execution = execution;
        this.results = results;
        this.settings = settings;
        this.events = events;
        this.failures = failures;
        this.cleanup = cleanup;
        this.writer = writer;
        this.wakeUps = wakeUps;
        this.usage = usage;
        this.cache = cache;
    }

    /**
     * Advances the run into {@code status}.
     *
     * @param suite       the run's TestSuite, resolved and valid (null when it was deleted since)
     * @param environment its TestEnvironment, or null when the run has none
     * @return when to look again whatever happens: the next deadline, or the backoff after a transient failure
     */
    public Duration reconcile(TestRun run, TestRunStatus status, TestSuite suite, TestEnvironment environment, Instant now) {
        status.observedGeneration = run.getMetadata().getGeneration();
        if (status.startTime == null) {
            status.startTime = now.truncatedTo(ChronoUnit.SECONDS).toString();
        }
        Instant deadline = deadline(run, status);
        Duration wake;
        try {
            wake = advance(run, suite, environment, status, now, deadline);
            failures.recovered(run.getMetadata().getUid());
            status.conditions = withoutRetrying(status);
        } catch (RuntimeException e) {
            wake = failed(run, status, e);
        }
        if (!RunConditions.isTrue(status, RunConditions.COMPLETED) && !now.isBefore(deadline)) {
            conditions.finish(status, false, "RunTimeout", "the run did not finish within its timeout of "
                    + run.getSpec().timeout + " (" + waitingFor(status) + ")", run.getMetadata().getGeneration());
        }
        Duration untilDeadline = Duration.between(now, deadline).plusMillis(100);
        return wake == null || untilDeadline.compareTo(wake) < 0 ? untilDeadline : wake;
    }

    /**
     * What is left after a status patch or another step outside {@link #reconcile} failed: the run ends when the
     * failure is permanent or its deadline has passed.
     *
     * @return whether {@code status} now ends the run
     */
    public boolean endAfterError(TestRun run, TestRunStatus status, Exception e, Instant now) {
        if (RunConditions.isTrue(status, RunConditions.COMPLETED) || !RunConditions.isTrue(status, RunConditions.RESOLVED)
                || status.startTime == null) {
            return false;
        }
        RunFailures.Verdict verdict = RunFailures.classify(e);
        Long generation = run.getMetadata().getGeneration();
        if (verdict.permanent()) {
            conditions.finish(status, false, verdict.reason(), verdict.message(), generation);
        } else if (!now.isBefore(deadline(run, status))) {
            conditions.finish(status, false, "RunTimeout", "the run did not finish within its timeout of "
                    + run.getSpec().timeout + " (the last step failed: " + verdict.message() + ")", generation);
        }
        return RunConditions.isTrue(status, RunConditions.COMPLETED);
    }

    /** A finished run: what it held in memory goes, its namespace per policy, itself after its TTL. */
    public Optional<Duration> afterFinish(TestRun run, Instant now) {
        forget(run);
        return cleanup.afterFinish(run, now);
    }

    /** The run is being deleted. */
    public void deleted(TestRun run) {
        forget(run);
        cleanup.deleted(run);
    }

    private void forget(TestRun run) {
        String uid = run.getMetadata().getUid();
        inputsByUid.remove(uid);
        results.forget(uid);
        failures.recovered(uid);
        wakeUps.forget(uid);
        usage.forget(uid);
        writer.forget(RunNames.namespace(run));
    }

    private Duration failed(TestRun run, TestRunStatus status, RuntimeException e) {
        RunFailures.Verdict verdict = RunFailures.classify(e);
        Long generation = run.getMetadata().getGeneration();
        if (verdict.permanent()) {
            LOG.infof("TestRun %s/%s ends as Error: %s", run.getMetadata().getNamespace(), run.getMetadata().getName(), verdict.message());
            conditions.finish(status, false, verdict.reason(), verdict.message(), generation);
            return null;
        }
        Duration backoff = failures.backoff(run.getMetadata().getUid());
        LOG.infof("TestRun %s/%s: %s; trying again in %s", run.getMetadata().getNamespace(), run.getMetadata().getName(),
                verdict.message(), DurationText.format(backoff));
        conditions.set(status, RunFailures.RETRYING, true, verdict.reason(), verdict.message(), generation);
        return backoff;
    }

    private static List<io.fabric8.kubernetes.api.model.Condition> withoutRetrying(TestRunStatus status) {
        return status.conditions == null ? null
                : status.conditions.stream().filter(c -> !RunFailures.RETRYING.equals(c.getType())).toList();
    }

    private static Instant deadline(TestRun run, TestRunStatus status) {
        return Instant.parse(status.startTime).plus(DurationText.parse(run.getSpec().timeout, Duration.ofMinutes(30)));
    }

    /** @return when to look again whatever happens (the provisioning deadline), or null */
    private Duration advance(TestRun run, TestSuite suite, TestEnvironment environment, TestRunStatus status, Instant now, Instant deadline) {
        Long generation = run.getMetadata().getGeneration();
        if (RunConditions.isTrue(status, RunConditions.COMPLETED) || !RunConditions.isTrue(status, RunConditions.RESOLVED)) {
            return null;
        }
        boolean environmentReady = RunConditions.isTrue(status, RunConditions.ENVIRONMENT_READY);
        Duration wake = null;
        if (!environmentReady || !execution.started(run)) {
            if (suite == null || (run.getSpec().environmentRef != null && environment == null)) {
                conditions.finish(status, false, "ReferenceDeleted", "the run's TestSuite or TestEnvironment was deleted before the run started",
                        generation);
                return null;
            }
            int selected = CaseSelection.matching(suite.getSpec().cases, RunnerJob.selection(run.getSpec())).size();
            if (selected == 0) {
                conditions.finish(status, false, "NoCasesSelected", "spec.selector: no case of TestSuite "
                        + suite.getMetadata().getName() + " matches the selector", generation);
                return null;
            }
            RunInputs in;
            try {
                in = inputs(run, suite, environment);
            } catch (RunInputsReader.MissingReferenceException | IllegalArgumentException e) {
                conditions.finish(status, false, "MissingReference", e.getMessage(), generation);
                return null;
            }
            status.namespace = RunNames.namespace(run);
            if (!environmentReady) {
                Optional<Duration> provisioningLeft = provision(run, status, in, now, deadline);
                if (provisioningLeft.isPresent()) {
                    return provisioningLeft.get();
                }
                if (RunConditions.isTrue(status, RunConditions.COMPLETED)) {
                    return null;
                }
            }
            try {
                execution.start(in, Math.max(1, Duration.between(now, deadline).getSeconds()));
            } catch (IllegalArgumentException e) {
                conditions.finish(status, false, "MissingReference", e.getMessage(), generation);
                return null;
            }
            if (status.summary == null || status.summary.total != selected) {
                status.summary = new dev.itf.api.TestRunStatus.Summary();
                status.summary.total = selected;
            }
        } else {
            inputsByUid.remove(run.getMetadata().getUid());
        }
        collect(run, suite, status, now);
        return wake;
    }

    private RunInputs inputs(TestRun run, TestSuite suite, TestEnvironment environment) {
        RunInputs known = inputsByUid.get(run.getMetadata().getUid());
        if (known != null && known.suite() == suite && known.environment() == environment) {
            return known;
        }
        RunInputs read = inputs.read(run, suite, environment);
        inputsByUid.put(run.getMetadata().getUid(), read);
        return read;
    }

    /** @return how long until the provisioning deadline while the environment is not ready, empty when it is ready or over */
    private Optional<Duration> provision(TestRun run, TestRunStatus status, RunInputs in, Instant now, Instant runDeadline) {
        Long generation = run.getMetadata().getGeneration();
        Provisioning.Progress progress = provisioning.advance(in);
        if (progress.ready()) {
            conditions.set(status, RunConditions.ENVIRONMENT_READY, true, "ComponentsReady",
                    in.components().isEmpty() ? "no components to provision" : "every component is ready", generation);
            return Optional.empty();
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
            return Optional.empty();
        }
        conditions.set(status, RunConditions.ENVIRONMENT_READY, false, "Provisioning",
                "waiting for " + String.join(", ", progress.waiting()), generation);
        return Optional.of(Duration.between(now, deadline).plusMillis(100));
    }

    private void collect(TestRun run, TestSuite suite, TestRunStatus status, Instant now) {
        Set<String> measured = resourceComponents(suite);
        if (!measured.isEmpty() && !usage.watching(run.getMetadata().getUid())) {
            String namespace = RunNames.namespace(run);
            usage.watch(run, measured, component -> cache.pods(namespace, Itf.LABEL_COMPONENT, component));
        }
        List<ShardState> shards = execution.observe(run);
        int selected = status.summary == null ? 0 : status.summary.total;
        List<CaseResult> stored = results(run, now);
        RunCollector.Collected c = RunCollector.collect(stored, shards, selected);
        status.summary = c.statusSummary();
        status.failures = c.summary().failures;
        if (suite != null && suite.getSpec() != null) {
            status.compliance = ComplianceReport.counts(ComplianceReport.of(suite.getSpec().compliance, ResultSummary.lastAttempts(stored)));
        }
        status.load = RunLoadStatus.of(dev.itf.results.LoadShards.combine(stored));
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

    /** The components whose resource usage the suite's load steps judge (none: the run is not sampled). */
    static Set<String> resourceComponents(TestSuite suite) {
        Set<String> out = new TreeSet<>();
        if (suite == null || suite.getSpec() == null || suite.getSpec().cases == null) {
            return out;
        }
        for (TestCase c : suite.getSpec().cases) {
            for (Step s : c.steps == null ? List.<Step>of() : c.steps) {
                if (s != null && s.load != null && s.expect != null) {
                    LoadThresholds.components(s.expect.thresholds).forEach(e -> out.add(e.getValue()));
                }
            }
        }
        return out;
    }

    private List<CaseResult> results(TestRun run, Instant now) {
        try {
            return results.current(ResultsResource.key(run), problem -> events.warning(run, "ResultUnreadable", problem, now));
        } catch (IOException e) {
            throw new RunFailures.ResultStoreUnavailableException("the result store cannot be read: " + e.getMessage(), e);
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
}
