package dev.itf.operator;

import dev.itf.api.RunPhase;
import dev.itf.api.TestEnvironment;
import dev.itf.api.TestRun;
import dev.itf.api.TestRunStatus;
import dev.itf.api.TestSuite;
import dev.itf.api.Itf;
import dev.itf.operator.lifecycle.RunCache;
import dev.itf.operator.lifecycle.RunConditions;
import dev.itf.operator.lifecycle.RunLifecycle;
import dev.itf.operator.lifecycle.RunStatusUpdate;
import dev.itf.operator.results.CachedRuns;
import dev.itf.operator.results.RunWakeUps;
import dev.itf.operator.run.RunNames;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.processing.event.source.inbound.SimpleInboundEventSource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Drives a TestRun through its phases. Stage one, {@link RunResolution}, runs until the Resolved condition is True:
 * phase Pending (resolved, or waiting for a reference to be validated) or Error (a reference is missing or invalid,
 * looked at again when the referenced object is created or fixed). From a resolved run on, {@link RunLifecycle}
 * provisions, executes, collects and finishes it; {@link RunStatusUpdate} decides what of it is patched. Reconciles
 * are driven by events (the run, its suite and environment, the labelled Jobs, Pods and Deployments of run namespaces,
 * arriving results), by the run's own deadlines, and by a slow safety resync. The finalizer (from Cleaner) guarantees
 * that the run namespace, which no owner reference can tie to the run, goes with it.
 */
@ControllerConfiguration(name = "testrun")
public class TestRunReconciler implements Reconciler<TestRun>, Cleaner<TestRun> {

    private static final String SUITE_INDEX = "itf-run-suite";
    private static final String ENVIRONMENT_INDEX = "itf-run-environment";
    private static final String SUITES = "run-suites";
    private static final String ENVIRONMENTS = "run-environments";
    private static final String RUN_NAMESPACE_INDEX = "itf-run-namespace";
    private static final String RESULTS = "run-results";

    @Inject
    StatusConditions conditions;
    @Inject
    RunLifecycle lifecycle;
    @Inject
    RunStatusUpdate statusUpdate;
    @Inject
    RunCache cache;
    @Inject
    RunWakeUps wakeUps;
    @Inject
    CachedRuns cachedRuns;
    @Inject
    Leadership leadership;
    @Inject
    Clock clock;

    @Override
    public UpdateControl<TestRun> reconcile(TestRun run, Context<TestRun> context) {
        if (!leadership.isLeader()) {
            // a replica that lost its Lease (and has not exited yet) leaves every run to the new leader
            return UpdateControl.noUpdate();
        }
        Instant now = clock.instant();
        TestRunStatus next = StatusUpdate.copy(run.getStatus(), TestRunStatus.class);
        if (next == null) {
            next = new TestRunStatus();
        }
        if (RunConditions.isTrue(next, RunConditions.COMPLETED)) {
            UpdateControl<TestRun> none = UpdateControl.noUpdate();
            return lifecycle.afterFinish(run, now).map(d -> none.rescheduleAfter(d.toMillis() + 100)).orElse(none);
        }
        String namespace = run.getMetadata().getNamespace();
        Function<String, TestSuite> suites = name -> cached(context, TestSuite.class, SUITES, name, namespace);
        Function<String, TestEnvironment> environments = name -> cached(context, TestEnvironment.class, ENVIRONMENTS, name, namespace);
        if (!StatusConditions.isTrueAt(next.conditions, RunResolution.CONDITION, run.getMetadata().getGeneration())) {
            if (!resolve(run, suites, environments, next).resolved()) {
                return statusUpdate.publish(run, next, now, null, context);
            }
        }
        TestSuite suite = run.getSpec().suiteRef == null ? null : suites.apply(run.getSpec().suiteRef.name);
        TestEnvironment environment = run.getSpec().environmentRef == null ? null : environments.apply(run.getSpec().environmentRef.name);
        Duration wake = lifecycle.reconcile(run, next, suite, environment, now);
        return statusUpdate.publish(run, next, now, wake, context);
    }

    /**
     * A failure outside the steps (the status patch itself, a clean-up): a permanent one, or any once the run's deadline
     * has passed, ends the run; the rest are retried by the controller's backoff.
     */
    @Override
    public ErrorStatusUpdateControl<TestRun> updateErrorStatus(TestRun run, Context<TestRun> context, Exception e) {
        TestRunStatus next = StatusUpdate.copy(run.getStatus(), TestRunStatus.class);
        Instant now = clock.instant();
        if (next == null || !lifecycle.endAfterError(run, next, e, now)) {
            return ErrorStatusUpdateControl.defaultErrorProcessing();
        }
        TestRunStatus seen = run.getStatus();
        statusUpdate.decide(run, next, now);
        run.setStatus(next);
        try {
            StatusUpdate.write(run, seen, context);
        } catch (KubernetesClientException written) {
            // the verdict could not be written: the controller's backoff tries the run again
            return ErrorStatusUpdateControl.defaultErrorProcessing();
        }
        return ErrorStatusUpdateControl.<TestRun>noStatusUpdate().withNoRetry().rescheduleAfter(Duration.ofSeconds(1));
    }

    @Override
    public DeleteControl cleanup(TestRun run, Context<TestRun> context) {
        if (!leadership.isLeader()) {
            return DeleteControl.noFinalizerRemoval();
        }
        lifecycle.deleted(run);
        return DeleteControl.defaultDelete();
    }

    private RunResolution.Outcome resolve(TestRun run, Function<String, TestSuite> suites,
                                          Function<String, TestEnvironment> environments, TestRunStatus next) {
        RunResolution.Outcome outcome = RunResolution.resolve(run, suites, environments);
        Long generation = run.getMetadata().getGeneration();
        next.observedGeneration = generation;
        next.suiteGeneration = outcome.resolved() ? outcome.suite().getMetadata().getGeneration() : null;
        next.environmentGeneration = outcome.resolved() && outcome.environment() != null
                ? outcome.environment().getMetadata().getGeneration() : null;
        next.conditions = conditions.with(next.conditions, conditions.condition(RunResolution.CONDITION, outcome.status(),
                outcome.reason(), outcome.message(), generation));
        return outcome;
    }

    @SuppressWarnings("unchecked")
    private static <R extends HasMetadata> R cached(Context<TestRun> context, Class<R> type, String source, String name, String namespace) {
        var events = (InformerEventSource<R, TestRun>) context.eventSourceRetriever().getEventSourceFor(type, source);
        return events.get(new ResourceID(name, namespace)).orElse(null);
    }

    @Override
    public List<EventSource<?, TestRun>> prepareEventSources(EventSourceContext<TestRun> context) {
        context.getPrimaryCache().addIndexer(SUITE_INDEX, run -> run.getSpec() == null || run.getSpec().suiteRef == null
                ? List.of() : List.of(key(run.getMetadata().getNamespace(), run.getSpec().suiteRef.name)));
        context.getPrimaryCache().addIndexer(RUN_NAMESPACE_INDEX, run -> List.of(RunNames.namespace(run)));
        context.getPrimaryCache().addIndexer(ENVIRONMENT_INDEX, run -> run.getSpec() == null || run.getSpec().environmentRef == null
                ? List.of() : List.of(key(run.getMetadata().getNamespace(), run.getSpec().environmentRef.name)));
        InformerEventSource<Job, TestRun> jobs = new InformerEventSource<>(runObjects(context, Job.class), context);
        InformerEventSource<Pod, TestRun> pods = new InformerEventSource<>(runObjects(context, Pod.class), context);
        InformerEventSource<Deployment, TestRun> deployments = new InformerEventSource<>(runObjects(context, Deployment.class), context);
        cache.connect(jobs, pods, deployments);
        cachedRuns.connect(context.getPrimaryCache());
        SimpleInboundEventSource<TestRun> results = new SimpleInboundEventSource<>(RESULTS);
        wakeUps.connect(run -> results.propagateEvent(new ResourceID(run.name(), run.namespace())));
        return List.of(
                new InformerEventSource<>(referenced(context, TestSuite.class, SUITES, SUITE_INDEX), context),
                new InformerEventSource<>(referenced(context, TestEnvironment.class, ENVIRONMENTS, ENVIRONMENT_INDEX), context),
                jobs, pods, deployments, results);
    }

    /**
     * One cluster-wide informer per kind on the objects ITF labels as its own; an event goes to the run whose namespace
     * the object is in, found through an index of the runs by their run namespace.
     */
    private static <R extends HasMetadata> InformerEventSourceConfiguration<R> runObjects(EventSourceContext<TestRun> context, Class<R> type) {
        return InformerEventSourceConfiguration.from(type, TestRun.class)
                .withName("run-" + type.getSimpleName().toLowerCase())
                .withWatchAllNamespaces()
                .withFollowControllerNamespacesChanges(false)
                .withLabelSelector(Itf.LABEL_MANAGED_BY + "=" + Itf.MANAGED_BY)
                .withSecondaryToPrimaryMapper(object -> context.getPrimaryCache()
                        .byIndex(RUN_NAMESPACE_INDEX, object.getMetadata().getNamespace())
                        .stream().map(ResourceID::fromResource).collect(Collectors.toSet()))
                .build();
    }

    /** An informer on a referenced kind whose events go to the runs that name the object, found through the index. */
    private static <R extends HasMetadata> InformerEventSourceConfiguration<R> referenced(EventSourceContext<TestRun> context,
                                                                                         Class<R> type, String name, String index) {
        Function<R, Set<ResourceID>> runs = object -> context.getPrimaryCache()
                .byIndex(index, key(object.getMetadata().getNamespace(), object.getMetadata().getName()))
                .stream().map(ResourceID::fromResource).collect(Collectors.toSet());
        return InformerEventSourceConfiguration.from(type, TestRun.class)
                .withName(name)
                .withNamespacesInheritedFromController()
                .withSecondaryToPrimaryMapper(runs::apply)
                .build();
    }

    private static String key(String namespace, String name) {
        return namespace + "/" + name;
    }
}
