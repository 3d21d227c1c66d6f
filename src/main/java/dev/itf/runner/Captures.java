package dev.itf.runner;

import com.fasterxml.jackson.databind.JsonNode;
import dev.itf.results.ErrorKind;
import dev.itf.runner.expect.JsonPathReader;

import java.util.List;
import java.util.Map;

/** Takes a step's captures from its response: a JSONPath ($...), header:NAME, status or body. */
final class Captures {

    private Captures() {
    }

    /** The value a capture expression takes from the response; throws naming the capture when it finds nothing. */
    static String take(String variable, String expression, StepResponse response) {
        String e = expression.trim();
        if (e.equals("status")) {
            if (response.status() == null) {
                throw new CaptureException(ErrorKind.STATUS, "capture " + variable + ": the step has no HTTP status");
            }
            return Integer.toString(response.status());
        }
        if (e.equals("body")) {
            return response.body() == null ? "" : response.body();
        }
        if (e.regionMatches(true, 0, "header:", 0, 7)) {
            String name = e.substring(7).trim();
            for (Map.Entry<String, List<String>> h : response.headers().entrySet()) {
                if (h.getKey() != null && h.getKey().equalsIgnoreCase(name) && !h.getValue().isEmpty()) {
                    return h.getValue().get(0);
                }
            }
            throw new CaptureException(ErrorKind.HEADERS, "capture " + variable + ": the response has no header " + name);
        }
        if (e.startsWith("$")) {
            if (response.json() == null) {
                throw new CaptureException(ErrorKind.FORMAT, "capture " + variable + ": " + e + " needs a JSON body, the body is not JSON");
            }
            JsonNode node = JsonPathReader.read(JsonPathReader.compile(e), response.json());
            if (node == null) {
                throw new CaptureException(ErrorKind.JSON_PATH, "capture " + variable + ": no value at " + e + " in the response");
            }
            return node.isTextual() ? node.asText() : node.toString();
        }
        throw new IllegalArgumentException("capture " + variable + ": \"" + expression
                + "\" is not a capture: use a JSONPath ($.id), header:NAME, status or body");
    }

    /** The response did not hold what a capture looks for: the step fails, as for an expectation. */
    static final class CaptureException extends RuntimeException {
        private final ErrorKind kind;

        CaptureException(ErrorKind kind, String message) {
            super(message);
            this.kind = kind;
        }

        /** The expectation the missing value stands for: status, headers, format or jsonPath. */
        ErrorKind kind() {
            return kind;
        }
    }
}
