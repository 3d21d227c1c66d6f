package dev.itf.runner.expect;

import dev.itf.results.ErrorKind;
import com.fasterxml.jackson.databind.JsonNode;
import dev.itf.runner.StepResponse;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** status: a code (200), a list ([200, 201]) or a class ("2xx"). */
public final class StatusExpectation implements Expectation {

    private static final Pattern STATUS = Pattern.compile("[1-5]([0-9]{2}|xx)");

    private final List<String> accepted = new ArrayList<>();

    public StatusExpectation(JsonNode spec) {
        if (spec.isArray()) {
            spec.forEach(n -> accepted.add(normalise(n)));
        } else {
            accepted.add(normalise(spec));
        }
    }

    private static String normalise(JsonNode n) {
        String s = n.asText().trim().toLowerCase();
        if (!STATUS.matcher(s).matches()) {
            throw new IllegalArgumentException("expect.status: \"" + n.asText() + "\" is not a status code or class such as 200 or 2xx");
        }
        return s;
    }

    @Override
    public ErrorKind kind() {
        return ErrorKind.STATUS;
    }

    @Override
    public String failure(StepResponse response) {
        if (response.status() == null) {
            return "status: expected " + describe() + ", actual no HTTP status (not an http step)";
        }
        String actual = Integer.toString(response.status());
        for (String a : accepted) {
            if (a.equals(actual) || (a.endsWith("xx") && a.charAt(0) == actual.charAt(0))) {
                return null;
            }
        }
        return "status: expected " + describe() + ", actual " + actual;
    }

    private String describe() {
        return accepted.size() == 1 ? accepted.get(0) : "one of " + accepted;
    }
}
