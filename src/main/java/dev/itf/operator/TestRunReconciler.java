package dev.itf.operator;

import dev.itf.api.RunPhase;
import dev.itf.api.TestEnvironment;
import dev.itf.api.TestRun;
import dev.itf.api.TestRunStatus;
import dev.itf.api.TestSuite;
import dev.itf.operator.lifecycle.RunCleanup;
import dev.itf.operator.lifecycle.RunEvents;
import dev.itf.operator.lifecycle.RunLifecycle;
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
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Drives a TestRun through its phases. Stage one, {@link RunResolution}, runs until the Resolved condition is True:
 * phase Pending (resolved, or waiting for a reference to be validated) or Error (a reference is missing or invalid,
 * looked at again when the referenced object is created or fixed). From a resolved run on, {@link RunLifecycle}
 * provisions, executes, collects and finishes it. The finalizer (from Cleaner) guarantees that the run namespace,
 * which no owner reference can tie to the run, goes with it.
 */
@ControllerConfiguration(name = "testrun")
public class TestRunReconciler implements Reconciler<TestRun>, Cleaner<TestRun> {

    private static final String SUITE_INDEX = "itf-run-suite";
    private static final String ENVIRONMENT_INDEX = "itf-run-environment";
    private static final String SUITES = "run-suites";
    private static final String ENVIRONMENTS = "run-environments";

    @Inject
    StatusConditions conditions;
    @Inject
    RunLifecycle lifecycle;
    @Inject
    RunCleanup cleanup;
    @Inject
    RunEvents events;
    @Inject
    Clock clock;

    @Override
    public UpdateControl<TestRun> reconcile(TestRun run, Context<TestRun> context) {
        TestRunStatus next = StatusUpdate.copy(run.getStatus(), TestRunStatus.class);
        if (next == null) {
            next = new TestRunStatus();
        }
        String namespace = run.getMetadata().getNamespace();
        Function<String, TestSuite> suites = name -> cached(context, TestSuite.class, SUITES, name, namespace);
        Function<String, TestEnvironment> environments = name -> cached(context, TestEnvironment.class, ENVIRONMENTS, name, namespace);
        if (!StatusConditions.isTrueAt(next.conditions, RunResolution.CONDITION, run.getMetadata().getGeneration())) {
            RunPhase before = next.phase;
            RunResolution.Outcome outcome = resolve(run, suites, environments, next);
            if (!outcome.resolved()) {
                if (next.phase != before) {
                    events.phaseChanged(run, next.phase, outcome.message(), clock.instant());
                }
                return StatusUpdate.patchIfChanged(run, next);
            }
        }
        run.setStatus(next);
        TestSuite suite = run.getSpec().suiteRef == null ? null : suites.apply(run.getSpec().suiteRef.name);
        TestEnvironment environment = run.getSpec().environmentRef == null ? null : environments.apply(run.getSpec().environmentRef.name);
        return lifecycle.reconcile(run, suite, environment);
    }

    @Override
    public DeleteControl cleanup(TestRun run, Context<TestRun> context) {
        cleanup.deleted(run);
        return DeleteControl.defaultDelete();
    }

    private RunResolution.Outcome resolve(TestRun run, Function<String, TestSuite> suites,
                                          Function<String, TestEnvironment> environments, TestRunStatus next) {
        RunResolution.Outcome outcome = RunResolution.resolve(run, suites, environments);
        Long generation = run.getMetadata().getGeneration();
        next.observedGeneration = generation;
        next.phase = outcome.failed() ? RunPhase.Error : RunPhase.Pending;
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
        context.getPrimaryCache().addIndexer(ENVIRONMENT_INDEX, run -> run.getSpec() == null || run.getSpec().environmentRef == null
                ? List.of() : List.of(key(run.getMetadata().getNamespace(), run.getSpec().environmentRef.name)));
        return List.of(
                new InformerEventSource<>(referenced(context, TestSuite.class, SUITES, SUITE_INDEX), context),
                new InformerEventSource<>(referenced(context, TestEnvironment.class, ENVIRONMENTS, ENVIRONMENT_INDEX), context));
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
