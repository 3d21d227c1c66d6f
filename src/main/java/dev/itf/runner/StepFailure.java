package dev.itf.runner;

/**
 * An expectation built into a step's action did not hold (an expected message never came, an unwanted one did):
 * the case fails, as with a failed {@code expect}. Any other exception from a step means it could not run (errored).
 */
public class StepFailure extends Exception {
    public StepFailure(String message) {
        super(message);
    }
}
