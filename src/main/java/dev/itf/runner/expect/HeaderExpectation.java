package dev.itf.runner.expect;

import dev.itf.results.ErrorKind;
import dev.itf.api.ValueMatcher;
import dev.itf.runner.StepResponse;

import java.util.List;
import java.util.Map;

/** A response header, by name (case-insensitive): equals, contains, matches or exists. Several values are joined with ", ". */
public final class HeaderExpectation implements Expectation {

    private final String name;
    private final ValueMatcher matcher;

    public HeaderExpectation(String name, ValueMatcher matcher) {
        this.name = name;
        this.matcher = matcher;
    }

    @Override
    public ErrorKind kind() {
        return ErrorKind.HEADERS;
    }

    @Override
    public String failure(StepResponse response) {
        String actual = value(response.headers());
        if (matcher.exists != null) {
            if (matcher.exists && actual == null) {
                return "header " + name + " exists: expected present, actual absent";
            }
            if (!matcher.exists && actual != null) {
                return "header " + name + " exists: expected absent, actual " + Excerpt.quoted(actual);
            }
        }
        boolean compares = (matcher.equals != null && !matcher.equals.isNull()) || matcher.contains != null || matcher.matches != null;
        if (compares && actual == null) {
            return "header " + name + ": expected present, actual absent";
        }
        String f = TextMatch.failure(matcher, actual);
        return f == null ? null : "header " + name + " " + f;
    }

    private String value(Map<String, List<String>> headers) {
        for (Map.Entry<String, List<String>> h : headers.entrySet()) {
            if (h.getKey() != null && h.getKey().equalsIgnoreCase(name)) {
                return String.join(", ", h.getValue());
            }
        }
        return null;
    }
}
