package dev.itf.runner;

import dev.itf.results.StepResult;

/**
 * A step that checks its expectations itself, on every response it gets, and measures (a load step). The engine does
 * not check its expectations against what {@link #execute} returns; it asks the step for its measurements instead.
 */
public interface MeasuringStep extends StepAction {

    /** Puts what the step measured into its result; called after {@link #execute}, whether it returned or threw. */
    void report(StepResult result);
}
