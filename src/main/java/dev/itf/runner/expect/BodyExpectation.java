package dev.itf.runner.expect;

import dev.itf.results.ErrorKind;
import dev.itf.api.ValueMatcher;
import dev.itf.runner.StepResponse;

/** The whole body: equals (an object or array is compared as JSON), contains or matches. */
public final class BodyExpectation implements Expectation {

    private final ValueMatcher matcher;

    public BodyExpectation(ValueMatcher matcher) {
        this.matcher = matcher;
    }

    @Override
    public ErrorKind kind() {
        return ErrorKind.BODY;
    }

    @Override
    public String failure(StepResponse response) {
        if (matcher.equals != null && matcher.equals.isContainerNode()) {
            if (!matcher.equals.equals(response.json())) {
                return "body equals: expected " + Excerpt.json(matcher.equals) + ", actual " + Excerpt.cut(response.body());
            }
            ValueMatcher rest = new ValueMatcher();
            rest.contains = matcher.contains;
            rest.matches = matcher.matches;
            String f = TextMatch.failure(rest, response.body());
            return f == null ? null : "body " + f;
        }
        String f = TextMatch.failure(matcher, response.body());
        return f == null ? null : "body " + f;
    }
}
