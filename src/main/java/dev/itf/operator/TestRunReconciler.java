package dev.itf.operator;

import dev.itf.api.TestRun;
import dev.itf.operator.lifecycle.RunCleanup;
import dev.itf.operator.lifecycle.RunLifecycle;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;

/** TestRuns: the lifecycle does the work; the finalizer (from Cleaner) guarantees the run namespace goes with the run. */
@ControllerConfiguration(name = "testrun")
public class TestRunReconciler implements Reconciler<TestRun>, Cleaner<TestRun> {
    private final RunLifecycle lifecycle;
    private final RunCleanup cleanup;

    public TestRunReconciler(RunLifecycle lifecycle, RunCleanup cleanup) {
        this.lifecycle = lifecycle;
        this.cleanup = cleanup;
    }

    @Override
    public UpdateControl<TestRun> reconcile(TestRun run, Context<TestRun> context) {
        return lifecycle.reconcile(run);
    }

    @Override
    public DeleteControl cleanup(TestRun run, Context<TestRun> context) {
        cleanup.deleted(run);
        return DeleteControl.defaultDelete();
    }
}
