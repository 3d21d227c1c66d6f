package dev.itf.runner.expect;

import dev.itf.results.ErrorKind;
import dev.itf.runner.StepResponse;

/** One expectation of a step, checked against what the step produced. */
public interface Expectation {

    /** Null when the expectation holds; otherwise what was expected and what was found, e.g. {@code status: expected 200, actual 404}. */
    String failure(StepResponse response);

    /** What reports call a failure of this expectation. */
    ErrorKind kind();
}
