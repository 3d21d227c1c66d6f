package dev.itf.runner.expect;

import dev.itf.results.ErrorKind;
import com.fasterxml.jackson.databind.JsonNode;
import dev.itf.runner.StepResponse;

/** jsonPath: a JSONPath into the JSON body and operators that must all hold for its value. */
public final class JsonPathExpectation implements Expectation {

    private final dev.itf.api.JsonPathExpectation spec;
    private final JsonPathReader.Path path;

    public JsonPathExpectation(dev.itf.api.JsonPathExpectation spec) {
        this.spec = spec;
        this.path = JsonPathReader.compile(spec.path);
    }

    @Override
    public ErrorKind kind() {
        return ErrorKind.JSON_PATH;
    }

    @Override
    public String failure(StepResponse response) {
        if (response.json() == null) {
            return "jsonPath " + spec.path + ": expected a JSON body, actual " + Excerpt.cut(response.body());
        }
        JsonNode actual = JsonPathReader.read(path, response.json());
        String problem = problem(actual);
        if (problem == null) {
            return null;
        }
        // what a failure shows is only written when there is a failure
        return "jsonPath " + spec.path + " " + problem + ", actual " + (actual == null ? "no value at this path" : Excerpt.json(actual));
    }

    /** The operator that does not hold, with what it expected; null when all hold. */
    private String problem(JsonNode actual) {
        if (spec.exists != null && spec.exists != (actual != null)) {
            return "exists: expected " + (spec.exists ? "a value" : "no value");
        }
        if (spec.equals != null && !JsonValues.same(spec.equals, actual)) {
            return "equals: expected " + Excerpt.json(spec.equals);
        }
        if (spec.notEquals != null && JsonValues.same(spec.notEquals, actual)) {
            return "notEquals: expected anything but " + Excerpt.json(spec.notEquals);
        }
        if (spec.greaterThan != null) {
            Double n = JsonValues.number(actual);
            if (n == null || n <= spec.greaterThan) {
                return "greaterThan: expected more than " + number(spec.greaterThan);
            }
        }
        if (spec.lessThan != null) {
            Double n = JsonValues.number(actual);
            if (n == null || n >= spec.lessThan) {
                return "lessThan: expected less than " + number(spec.lessThan);
            }
        }
        if (spec.matches != null) {
            String text = JsonValues.text(actual);
            if (text == null || !TextMatch.pattern(spec.matches).matcher(text).matches()) {
                return "matches: expected to match " + Excerpt.quoted(spec.matches);
            }
        }
        if (spec.contains != null && !contains(actual, spec.contains)) {
            return "contains: expected to contain " + Excerpt.json(spec.contains);
        }
        return null;
    }

    private static boolean contains(JsonNode actual, JsonNode wanted) {
        if (actual == null) {
            return false;
        }
        if (actual.isArray()) {
            for (JsonNode e : actual) {
                if (JsonValues.same(wanted, e)) {
                    return true;
                }
            }
            return false;
        }
        return actual.isTextual() && actual.asText().contains(wanted.asText());
    }

    private static String number(double d) {
        return d == Math.rint(d) && !Double.isInfinite(d) ? Long.toString((long) d) : Double.toString(d);
    }
}
