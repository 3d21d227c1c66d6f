package dev.itf.runner;

import dev.itf.api.Step;
import dev.itf.api.TestCase;
import dev.itf.results.CaseResult;
import dev.itf.results.ErrorKind;
import dev.itf.results.Outcome;
import dev.itf.results.StepResult;
import dev.itf.runner.expect.ExpectationFailure;
import dev.itf.runner.template.VariableScope;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** One attempt of one case: creates the steps' actions, runs them in order within the case's time budget. */
final class CaseRun {

    /** How long past a step's budget the watchdog waits before it interrupts the step (the step should time out itself). */
    private static final Duration GRACE = Duration.ofMillis(250);

    private final TestCase testCase;
    private final Duration caseTimeout;
    private final StepFactory factory;
    private final StepRun.Run run;
    private final Watchdog watchdog;

    CaseRun(TestCase testCase, Duration caseTimeout, StepFactory factory, StepRun.Run run, Watchdog watchdog) {
        this.testCase = testCase;
        this.caseTimeout = caseTimeout;
        this.factory = factory;
        this.run = run;
        this.watchdog = watchdog;
    }

    /** Runs the attempt; the result's outcome is that of its first step that did not pass. */
    CaseResult attempt(int attempt, VariableScope scope) {
        long started = System.nanoTime();
        long deadline = started + caseTimeout.toNanos();
        CaseResult result = CaseResult.of(testCase);
        result.attempt = attempt;
        result.startedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS).toString();

        List<Step> steps = testCase.steps;
        List<StepResult> stepResults = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            StepResult sr = new StepResult();
            sr.name = name(steps.get(i), i);
            String kind = steps.get(i).action();
            sr.type = kind == null ? "invalid" : kind;
            sr.outcome = Outcome.SKIPPED;
            stepResults.add(sr);
        }
        List<StepAction> actions = new ArrayList<>();
        int broken = -1;
        for (int i = 0; i < steps.size() && broken < 0; i++) {
            try {
                actions.add(factory.create(steps.get(i)));
            } catch (RuntimeException e) {
                errored(stepResults.get(i), e);
                broken = i;
            }
        }
        StepRun beforeContext = new StepRun(scope, caseTimeout, null, run);
        StepRun[] contexts = new StepRun[steps.size()];
        try {
            for (int i = 0; i < actions.size() && broken < 0; i++) {
                // preparing (subscribing to a destination, say) is bounded by the case's budget too
                Watchdog.Guard guard = watchdog.watch(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())).plus(GRACE));
                try {
                    actions.get(i).beforeCase(beforeContext);
                } catch (Exception e) {
                    StepResult sr = stepResults.get(i);
                    if (guard.fired()) {
                        sr.outcome = Outcome.ERRORED;
                        sr.errorKind = ErrorKind.TIMEOUT;
                        sr.message = prefix(sr) + "timed out while preparing (the case timeout of " + Durations.format(caseTimeout) + ")";
                    } else {
                        errored(sr, e);
                    }
                    broken = i;
                } finally {
                    guard.close();
                }
            }
            for (int i = 0; i < actions.size() && broken < 0; i++) {
                if (!execute(steps.get(i), actions.get(i), stepResults.get(i), contexts, i, scope, deadline)) {
                    broken = i;
                }
            }
        } finally {
            for (StepAction a : actions) {
                try {
                    a.afterCase();
                } catch (RuntimeException ignored) {
                    // cleanup of one step must not hide the case's result or stop the others' cleanup
                }
            }
        }
        result.steps = stepResults;
        result.durationMs = Duration.ofNanos(System.nanoTime() - started).toMillis();
        result.outcome = Outcome.PASSED;
        for (StepResult sr : stepResults) {
            if (sr.outcome == Outcome.FAILED || sr.outcome == Outcome.ERRORED) {
                result.outcome = sr.outcome;
                result.message = sr.message;
                result.errorKind = sr.errorKind;
                break;
            }
        }
        // bodies stay in the logs of a case that did not pass (they explain it), and of every case when asked
        boolean bodies = run.fullLogs() || result.outcome != Outcome.PASSED;
        for (int i = 0; i < contexts.length; i++) {
            if (contexts[i] != null) {
                stepResults.get(i).log = contexts[i].lines(bodies);
            }
        }
        return result;
    }

    /** Runs one step, checks its expectations and takes its captures; false when the step did not pass. */
    private boolean execute(Step step, StepAction action, StepResult sr, StepRun[] contexts, int index, VariableScope scope, long deadline) {
        long stepStarted = System.nanoTime();
        Duration left = Duration.ofNanos(deadline - stepStarted);
        Duration budget = left;
        boolean ownTimeout = false;
        try {
            Duration own = StepFactory.timeout(step);
            if (own != null && own.compareTo(left) < 0) {
                budget = own;
                ownTimeout = true;
            }
        } catch (IllegalArgumentException e) {
            errored(sr, e);
            return false;
        }
        if (budget.isNegative() || budget.isZero()) {
            sr.outcome = Outcome.ERRORED;
            sr.errorKind = ErrorKind.TIMEOUT;
            sr.message = prefix(sr) + "the case timeout of " + Durations.format(caseTimeout) + " was used up before this step";
            return false;
        }
        StepRun ctx = new StepRun(scope, budget, step.expect, run);
        contexts[index] = ctx;
        StepResponse response = null;
        Exception thrown = null;
        Watchdog.Guard guard = watchdog.watch(budget.plus(GRACE));
        try {
            response = action.execute(ctx);
        } catch (Exception e) {
            thrown = e;
        } finally {
            guard.close();
        }
        sr.findings = ctx.findings();
        if (action instanceof MeasuringStep measuring) {
            measuring.report(sr);
        }
        if (thrown != null && guard.fired()) {
            sr.outcome = Outcome.ERRORED;
            sr.errorKind = ErrorKind.TIMEOUT;
            sr.message = prefix(sr) + "timed out after " + Durations.format(budget)
                    + (ownTimeout ? " (the step's timeout)" : " (the case timeout of " + Durations.format(caseTimeout) + ")");
        } else if (thrown instanceof StepFailure failure) {
            sr.outcome = Outcome.FAILED;
            sr.errorKind = failure.kind();
            sr.message = run.redactor().redact(prefix(sr) + failure.getMessage());
        } else if (thrown instanceof InterruptedException) {
            Thread.currentThread().interrupt();
            sr.outcome = Outcome.ERRORED;
            sr.errorKind = ErrorKind.TIMEOUT;
            sr.message = prefix(sr) + "interrupted: the run was stopped";
        } else if (thrown != null) {
            errored(sr, thrown);
        } else if (action instanceof MeasuringStep) {
            sr.outcome = Outcome.PASSED;
        } else {
            checkAndCapture(step, response, ctx, sr, scope);
        }
        sr.durationMs = Duration.ofNanos(System.nanoTime() - stepStarted).toMillis();
        return sr.outcome == Outcome.PASSED;
    }

    private void checkAndCapture(Step step, StepResponse response, StepRun ctx, StepResult sr, VariableScope scope) {
        try {
            List<ExpectationFailure> failures = ctx.failures(response);
            if (!failures.isEmpty()) {
                sr.outcome = Outcome.FAILED;
                sr.errorKind = failures.get(0).kind();
                sr.message = run.redactor().redact(prefix(sr) + failures.stream().map(ExpectationFailure::message)
                        .collect(Collectors.joining("\n" + prefix(sr))));
                return;
            }
            for (Map.Entry<String, String> c : step.capture.entrySet()) {
                String value = Captures.take(c.getKey(), c.getValue(), response);
                scope.capture(c.getKey(), value);
                ctx.log("captured " + c.getKey() + " = " + run.redactor().shown(c.getKey(), value));
            }
            sr.outcome = Outcome.PASSED;
        } catch (Captures.CaptureException e) {
            sr.outcome = Outcome.FAILED;
            sr.errorKind = e.kind();
            sr.message = run.redactor().redact(prefix(sr) + e.getMessage());
        } catch (RuntimeException e) {
            errored(sr, e);
        }
    }

    private void errored(StepResult sr, Throwable e) {
        sr.outcome = Outcome.ERRORED;
        sr.errorKind = StepErrorKind.of(e);
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        sr.message = run.redactor().redact(prefix(sr) + message);
    }

    private static String prefix(StepResult sr) {
        return "step \"" + sr.name + "\": ";
    }

    static String name(Step step, int index) {
        if (step.name != null && !step.name.isBlank()) {
            return step.name;
        }
        String kind = step.action();
        return (kind == null ? "step" : kind) + " " + (index + 1);
    }
}
