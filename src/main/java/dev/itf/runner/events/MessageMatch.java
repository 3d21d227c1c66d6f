package dev.itf.runner.events;

import com.fasterxml.jackson.databind.JsonNode;
import dev.itf.api.JsonPathExpectation;
import dev.itf.runner.StepResponse;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** What a received message must satisfy to count for an expectMessage step: jsonPath expectations and headers. */
final class MessageMatch {

    private final List<dev.itf.runner.expect.JsonPathExpectation> paths;
    private final Map<String, String> headers;
    private final String description;

    /** @param expectations already rendered; @param headers already rendered */
    MessageMatch(List<JsonPathExpectation> expectations, Map<String, String> headers) {
        this.paths = expectations.stream().map(dev.itf.runner.expect.JsonPathExpectation::new).toList();
        this.headers = headers;
        this.description = describe(expectations, headers);
    }

    boolean matches(ReceivedMessage message) {
        for (Map.Entry<String, String> h : headers.entrySet()) {
            if (!h.getValue().equals(message.header(h.getKey()))) {
                return false;
            }
        }
        if (paths.isEmpty()) {
            return true;
        }
        JsonNode json = message.json();
        if (json == null) {
            return false;
        }
        StepResponse asResponse = StepResponse.ofJson(json, Duration.ZERO);
        return paths.stream().allMatch(p -> p.failure(asResponse) == null);
    }

    /** For messages, e.g. {@code header tenant = a, $.id equals 42}. */
    @Override
    public String toString() {
        return description;
    }

    private static String describe(List<JsonPathExpectation> expectations, Map<String, String> headers) {
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
}
