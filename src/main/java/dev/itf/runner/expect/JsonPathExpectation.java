package dev.itf.runner.expect;

import dev.itf.results.ErrorKind;
import com.fasterxml.jackson.databind.JsonNode;
import com.jayway.jsonpath.JsonPath;
import dev.itf.runner.StepResponse;

/** jsonPath: a JSONPath into the JSON body and operators that must all hold for its value. */
public final class JsonPathExpectation implements Expectation {

    private final dev.itf.api.JsonPathExpectation spec;
    private final JsonPath path;

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
        String prefix = "jsonPath " + spec.path + " ";
        if (response.json() == null) {
            return "jsonPath " + spec.path + ": expected a JSON body, actual " + Excerpt.cut(response.body());
        }
        JsonNode actual = JsonPathReader.read(path, response.json());
        String shown = actual == null ? "no value at this path" : Excerpt.json(actual);
        if (spec.exists != null && spec.exists != (actual != null)) {
            return prefix + "exists: expected " + (spec.exists ? "a value" : "no value") + ", actual " + shown;
        }
        if (spec.equals != null && !JsonValues.same(spec.equals, actual)) {
            return prefix + "equals: expected " + Excerpt.json(spec.equals) + ", actual " + shown;
        }
        if (spec.notEquals != null && JsonValues.same(spec.notEquals, actual)) {
            return prefix + "notEquals: expected anything but " + Excerpt.json(spec.notEquals) + ", actual " + shown;
        }
        if (spec.greaterThan != null) {
            Double n = JsonValues.number(actual);
            if (n == null || n <= spec.greaterThan) {
                return prefix + "greaterThan: expected more than " + number(spec.greaterThan) + ", actual " + shown;
            }
        }
        if (spec.lessThan != null) {
            Double n = JsonValues.number(actual);
            if (n == null || n >= spec.lessThan) {
                return prefix + "lessThan: expected less than " + number(spec.lessThan) + ", actual " + shown;
            }
        }
        if (spec.matches != null) {
            String text = JsonValues.text(actual);
            if (text == null || !TextMatch.pattern(spec.matches).matcher(text).matches()) {
                return prefix + "matches: expected to match " + Excerpt.quoted(spec.matches) + ", actual " + shown;
            }
        }
        if (spec.contains != null && !contains(actual, spec.contains)) {
            return prefix + "contains: expected to contain " + Excerpt.json(spec.contains) + ", actual " + shown;
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
