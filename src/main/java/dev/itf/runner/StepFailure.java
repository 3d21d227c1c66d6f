package dev.itf.runner;

import dev.itf.results.ErrorKind;

/**
 * An expectation built into a step's action did not hold (an expected message never came, an unwanted one did, a
 * threshold or a security check failed): the case fails, as with a failed {@code expect}. Any other exception from a
 * step means it could not run (errored).
 */
public class StepFailure extends Exception {
    private final ErrorKind kind;

    public StepFailure(ErrorKind kind, String message) {
        super(message);
        this.kind = kind;
    }

    /** Which expectation failed, e.g. message for expectMessage. */
    public ErrorKind kind() {
        return kind;
    }
}
