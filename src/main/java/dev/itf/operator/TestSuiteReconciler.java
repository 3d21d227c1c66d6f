package dev.itf.operator;

import dev.itf.api.TestSuite;
import dev.itf.api.TestSuiteSpec;
import dev.itf.api.TestSuiteStatus;
import dev.itf.validation.Problem;
import dev.itf.validation.SuiteValidator;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import jakarta.inject.Inject;

import java.util.ArrayList;
import java.util.List;

/** Validates TestSuites and their Secrets and ConfigMaps; the outcome is the Valid condition, and Quality informs. */
@ControllerConfiguration(name = "testsuite")
public class TestSuiteReconciler implements Reconciler<TestSuite> {

    @Inject
    StatusConditions conditions;

    @Override
    public UpdateControl<TestSuite> reconcile(TestSuite suite, Context<TestSuite> context) {
        List<Problem> problems = new ArrayList<>(SuiteValidator.validate(suite));
        if (suite.getSpec() != null) {
            problems.addAll(ReferenceWatch.check(context, suite, SuiteValidator.references(suite.getSpec())));
        }
        Long generation = suite.getMetadata().getGeneration();
        TestSuiteStatus next = StatusUpdate.copy(suite.getStatus(), TestSuiteStatus.class);
        if (next == null) {
            next = new TestSuiteStatus();
        }
        int cases = suite.getSpec() == null || suite.getSpec().cases == null ? 0 : suite.getSpec().cases.size();
        next.observedGeneration = generation;
        next.cases = cases;
        next.conditions = conditions.with(next.conditions,
                conditions.valid(problems, cases + " case" + (cases == 1 ? "" : "s"), generation));
        next.conditions = conditions.with(next.conditions, SuiteQuality.condition(conditions, suite, generation));
        return StatusUpdate.patchIfChanged(suite, next, context);
    }

    @Override
    public List<EventSource<?, TestSuite>> prepareEventSources(EventSourceContext<TestSuite> context) {
        return ReferenceWatch.eventSources(context, suite -> {
            TestSuiteSpec spec = suite.getSpec();
            return spec == null ? List.of() : SuiteValidator.references(spec);
        });
    }
}
