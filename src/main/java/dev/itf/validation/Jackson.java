package dev.itf.validation;

import dev.itf.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The mapper validators use to look at API objects as JSON trees. */
final class Jackson {

    private static final ObjectMapper MAPPER = Json.MAPPER;

    private Jackson() {
    }

    static JsonNode tree(Object value) {
        return MAPPER.valueToTree(value);
    }
}
