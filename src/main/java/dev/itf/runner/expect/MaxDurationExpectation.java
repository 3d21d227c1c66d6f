package dev.itf.runner.expect;

import dev.itf.results.ErrorKind;
import dev.itf.runner.Durations;
import dev.itf.runner.StepResponse;

import java.time.Duration;

/** maxDuration: the step must complete within this time. */
public final class MaxDurationExpectation implements Expectation {

    private final Duration max;

    public MaxDurationExpectation(Duration max) {
        this.max = max;
    }

    @Override
    public ErrorKind kind() {
        return ErrorKind.MAX_DURATION;
    }

    @Override
    public String failure(StepResponse response) {
        if (response.duration() == null || response.duration().compareTo(max) <= 0) {
            return null;
        }
        return "maxDuration: expected at most " + Durations.format(max) + ", actual " + response.duration().toMillis() + "ms";
    }
}
