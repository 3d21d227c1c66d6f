package dev.itf.results;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The result of a case or a step. */
public enum Outcome {
    /** Every expectation held. */
    @JsonProperty("passed") PASSED,
    /** An expectation did not hold. */
    @JsonProperty("failed") FAILED,
    /** The step could not run: connection refused, timeout, bad template. */
    @JsonProperty("errored") ERRORED,
    /** Not run. */
    @JsonProperty("skipped") SKIPPED
}
