package dev.itf.runner;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What a step produced, for expectations and captures: an HTTP response, query rows, a Redis reply, a message.
 *
 * @param status   HTTP status, or null for non-HTTP steps
 * @param headers  response or message headers (names as received), never null
 * @param body     the body as text (JSON text for rows, replies and messages), may be null
 * @param json     the body parsed as JSON, or null when it is not JSON
 * @param duration how long the step took
 */
public record StepResponse(Integer status, Map<String, List<String>> headers, String body, JsonNode json, Duration duration) {

    public static StepResponse ofJson(JsonNode json, Duration duration) {
        return new StepResponse(null, Map.of(), json == null ? null : json.toString(), json, duration);
    }
}
