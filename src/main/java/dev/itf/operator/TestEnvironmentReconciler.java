package dev.itf.operator;

import dev.itf.api.TestEnvironment;
import dev.itf.api.TestEnvironmentSpec;
import dev.itf.api.TestEnvironmentStatus;
import dev.itf.validation.EnvironmentValidator;
import dev.itf.validation.Problem;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import jakarta.inject.Inject;

import java.util.ArrayList;
import java.util.List;

/** Validates TestEnvironments and the Secrets and ConfigMaps their components use; the outcome is the Valid condition. */
@ControllerConfiguration(name = "testenvironment")
public class TestEnvironmentReconciler implements Reconciler<TestEnvironment> {

    @Inject
    StatusConditions conditions;
    @Inject
    DiscoveredKindScope scopes;

    @Override
    public UpdateControl<TestEnvironment> reconcile(TestEnvironment environment, Context<TestEnvironment> context) {
        List<Problem> problems = new ArrayList<>(EnvironmentValidator.validate(environment, scopes));
        if (environment.getSpec() != null) {
            problems.addAll(ReferenceWatch.check(context, environment, EnvironmentValidator.references(environment.getSpec())));
        }
        Long generation = environment.getMetadata().getGeneration();
        TestEnvironmentStatus next = StatusUpdate.copy(environment.getStatus(), TestEnvironmentStatus.class);
        if (next == null) {
            next = new TestEnvironmentStatus();
        }
        int components = environment.getSpec() == null || environment.getSpec().components == null ? 0 : environment.getSpec().components.size();
        next.observedGeneration = generation;
        next.components = components;
        next.conditions = conditions.with(next.conditions,
                conditions.valid(problems, components + " component" + (components == 1 ? "" : "s"), generation));
        return StatusUpdate.patchIfChanged(environment, next, context);
    }

    @Override
    public List<EventSource<?, TestEnvironment>> prepareEventSources(EventSourceContext<TestEnvironment> context) {
        return ReferenceWatch.eventSources(context, environment -> {
            TestEnvironmentSpec spec = environment.getSpec();
            return spec == null ? List.of() : EnvironmentValidator.references(spec);
        });
    }
}
