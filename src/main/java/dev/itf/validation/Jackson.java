package dev.itf.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The mapper validators use to look at API objects as JSON trees. */
final class Jackson {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Jackson() {
    }

    static JsonNode tree(Object value) {
        return MAPPER.valueToTree(value);
    }
}
