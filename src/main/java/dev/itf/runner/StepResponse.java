package dev.itf.runner;

import com.fasterxml.jackson.databind.JsonNode;
import dev.itf.json.Json;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What a step produced, for expectations and captures: an HTTP response, query rows, a Redis reply, a message.
 * An HTTP response's headers are collected, and its body decoded or parsed as JSON, only when an expectation or capture asks.
 */
public final class StepResponse {

    private final Integer status;
    private Map<String, List<String>> headers;
    private Supplier<Map<String, List<String>>> headerSource;
    private String body;
    private Supplier<String> bodySource;
    private final Duration duration;
    private JsonNode json;
    private boolean parsed;

    /**
     * @param status   HTTP status, or null for non-HTTP steps
     * @param headers  response or message headers (names as received), never null
     * @param body     the body as text (JSON text for rows, replies and messages), may be null
     * @param json     the body parsed as JSON, or null when it is not JSON
     * @param duration how long the step took
     */
    public StepResponse(Integer status, Map<String, List<String>> headers, String body, JsonNode json, Duration duration) {
        this(status, headers, body, duration);
        this.json = json;
        this.parsed = true;
    }

    private StepResponse(Integer status, Map<String, List<String>> headers, String body, Duration duration) {
        this.status = status;
        this.headers = headers;
        this.body = body;
        this.duration = duration;
    }

    public static StepResponse ofJson(JsonNode json, Duration duration) {
        return new StepResponse(null, Map.of(), json == null ? null : json.toString(), json, duration);
    }

    /** A response whose headers are collected and body parsed as JSON when first asked for. */
    public static StepResponse parsingJsonOnDemand(Integer status, Supplier<Map<String, List<String>>> headers, String body, Duration duration) {
        StepResponse r = new StepResponse(status, null, body, duration);
        r.headerSource = headers;
        return r;
    }

    /** Like {@link #parsingJsonOnDemand}, with the body also decoded only when first asked for (a load step checks thousands). */
    public static StepResponse decodingOnDemand(Integer status, Supplier<Map<String, List<String>>> headers, Supplier<String> body, Duration duration) {
        StepResponse r = parsingJsonOnDemand(status, headers, null, duration);
        r.bodySource = body;
        return r;
    }

    public Integer status() {
        return status;
    }

    public Map<String, List<String>> headers() {
        if (headers == null && headerSource != null) {
            headers = headerSource.get();
            headerSource = null;
        }
        return headers;
    }

    public String body() {
        if (body == null && bodySource != null) {
            body = bodySource.get();
            bodySource = null;
        }
        return body;
    }

    /** The body parsed as JSON, or null when it is not JSON. */
    public JsonNode json() {
        if (!parsed) {
            json = Json.parseOrNull(body());
            parsed = true;
        }
        return json;
    }

    public Duration duration() {
        return duration;
    }
}
