package dev.itf.runner.events;

import dev.itf.json.Json;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.time.Instant;
import java.util.Map;

/**
 * A message as a subscription received it.
 *
 * @param body    the payload as UTF-8 text
 * @param headers headers (AMQP, Kafka, NATS) or MQTT 5 user properties, values as text
 * @param key     the Kafka record key, null elsewhere
 * @param arrived when the subscription received it
 */
public record ReceivedMessage(String body, Map<String, String> headers, String key, Instant arrived) {

    private static final ObjectMapper MAPPER = Json.MAPPER;

    /** The body parsed as JSON, or null when it is not JSON. */
    public JsonNode json() {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            return MAPPER.readTree(body);
        } catch (JsonProcessingException notJson) {
            return null;
        }
    }

    /** A header by name, case-insensitively, or null. */
    public String header(String name) {
        for (Map.Entry<String, String> h : headers.entrySet()) {
            if (h.getKey().equalsIgnoreCase(name)) {
                return h.getValue();
            }
        }
        return null;
    }
}
