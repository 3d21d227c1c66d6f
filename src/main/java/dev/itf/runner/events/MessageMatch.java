package dev.itf.runner.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.PathNotFoundException;
import com.jayway.jsonpath.spi.json.JacksonJsonNodeJsonProvider;
import com.jayway.jsonpath.spi.mapper.JacksonMappingProvider;
import dev.itf.api.JsonPathExpectation;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Whether a received message satisfies an expectMessage step's jsonPath expectations and headers. */
final class MessageMatch {

    private static final Configuration JSON = Configuration.builder()
            .jsonProvider(new JacksonJsonNodeJsonProvider()).mappingProvider(new JacksonMappingProvider()).build();

    private MessageMatch() {
    }

    static boolean matches(ReceivedMessage message, List<JsonPathExpectation> expectations, Map<String, String> headers) {
        for (Map.Entry<String, String> h : headers.entrySet()) {
            if (!h.getValue().equals(message.header(h.getKey()))) {
                return false;
            }
        }
        if (expectations.isEmpty()) {
            return true;
        }
        JsonNode json = message.json();
        return json != null && expectations.stream().allMatch(e -> holds(e, json));
    }

    /** One line per expectation for messages, e.g. {@code $.id equals 42}. */
    static String describe(List<JsonPathExpectation> expectations, Map<String, String> headers) {
        List<String> parts = new ArrayList<>();
        headers.forEach((k, v) -> parts.add("header " + k + " = " + v));
        for (JsonPathExpectation e : expectations) {
            StringBuilder s = new StringBuilder(e.path);
            if (e.equals != null) s.append(" equals ").append(e.equals);
            if (e.notEquals != null) s.append(" notEquals ").append(e.notEquals);
            if (e.greaterThan != null) s.append(" greaterThan ").append(e.greaterThan);
            if (e.lessThan != null) s.append(" lessThan ").append(e.lessThan);
            if (e.matches != null) s.append(" matches ").append(e.matches);
            if (e.exists != null) s.append(" exists ").append(e.exists);
            if (e.contains != null) s.append(" contains ").append(e.contains);
            parts.add(s.toString());
        }
        return parts.isEmpty() ? "any message" : String.join(", ", parts);
    }

    private static boolean holds(JsonPathExpectation e, JsonNode json) {
        JsonNode actual;
        try {
            actual = JsonPath.using(JSON).parse(json).read(e.path);
        } catch (PathNotFoundException notFound) {
            actual = MissingNode.getInstance();
        }
        boolean present = actual != null && !actual.isMissingNode();
        if (e.exists != null && e.exists != present) return false;
        if (!present) return e.exists != null && !e.exists && e.equals == null && e.contains == null && e.matches == null;
        if (e.equals != null && !same(e.equals, actual)) return false;
        if (e.notEquals != null && same(e.notEquals, actual)) return false;
        if (e.greaterThan != null && !(actual.isNumber() && actual.doubleValue() > e.greaterThan)) return false;
        if (e.lessThan != null && !(actual.isNumber() && actual.doubleValue() < e.lessThan)) return false;
        if (e.matches != null && !Pattern.compile(e.matches).matcher(text(actual)).matches()) return false;
        if (e.contains != null) {
            boolean found = actual.isArray()
                    ? streamOf(actual).anyMatch(el -> same(e.contains, el))
                    : text(actual).contains(text(e.contains));
            if (!found) return false;
        }
        return true;
    }

    /** Equal as JSON, or as scalars written differently (a rendered "42" and a number 42). */
    private static boolean same(JsonNode expected, JsonNode actual) {
        if (expected.equals(actual)) return true;
        if (expected.isContainerNode() || actual.isContainerNode()) return false;
        if (actual.isNumber() || expected.isNumber()) {
            try {
                return new BigDecimal(text(expected)).compareTo(new BigDecimal(text(actual))) == 0;
            } catch (NumberFormatException notNumbers) {
                return false;
            }
        }
        return text(expected).equals(text(actual));
    }

    private static String text(JsonNode node) {
        return node.isValueNode() ? node.asText() : node.toString();
    }

    private static java.util.stream.Stream<JsonNode> streamOf(JsonNode array) {
        List<JsonNode> all = new ArrayList<>();
        array.forEach(all::add);
        return all.stream();
    }
}
