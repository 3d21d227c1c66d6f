package dev.itf.runner.expect;

import com.fasterxml.jackson.databind.JsonNode;

/** How expectations compare JSON values: numbers by value, and a string expected value matches a scalar with the same text. */
final class JsonValues {

    private JsonValues() {
    }

    static boolean same(JsonNode expected, JsonNode actual) {
        if (expected == null || expected.isNull()) {
            return actual == null || actual.isNull();
        }
        if (actual == null) {
            return false;
        }
        if (expected.isNumber() && actual.isNumber()) {
            return expected.decimalValue().compareTo(actual.decimalValue()) == 0;
        }
        if (expected.isValueNode() && actual.isValueNode() && (expected.isTextual() || actual.isTextual())) {
            // templates render to strings, so "${count}" must still match the number 3
            return expected.asText().equals(actual.asText());
        }
        return expected.equals(actual);
    }

    /** The value as a number, or null when it is neither a number nor a numeric string. */
    static Double number(JsonNode n) {
        if (n == null) {
            return null;
        }
        if (n.isNumber()) {
            return n.doubleValue();
        }
        if (n.isTextual()) {
            try {
                return Double.parseDouble(n.asText().trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    /** Text of a value for regular expressions: strings without quotes, anything else as JSON. */
    static String text(JsonNode n) {
        return n == null ? null : n.isTextual() ? n.asText() : n.toString();
    }
}
