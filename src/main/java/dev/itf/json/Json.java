package dev.itf.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.util.function.UnaryOperator;

/** The runner's one Jackson mapper: thread-safe once configured, so one instance serves every step. */
public final class Json {

    public static final ObjectMapper MAPPER = new ObjectMapper().findAndRegisterModules();

    private Json() {
    }

    /** The text parsed as JSON, or null when it is not JSON. */
    public static JsonNode parseOrNull(String text) {
        if (text == null || !mayBeJson(text)) {
            return null;
        }
        try {
            return MAPPER.readTree(text);
        } catch (Exception e) {
            return null;
        }
    }

    /** Whether the text starts like a JSON value: HTML, XML and plain text are told apart without a parse (and its exception). */
    private static boolean mayBeJson(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\uFEFF') {
                continue;
            }
            return c == '{' || c == '[' || c == '"' || c == '-' || (c >= '0' && c <= '9') || c == 't' || c == 'f' || c == 'n';
        }
        return false;
    }

    /** A copy of the tree with every string value passed through {@code strings}; keys and other values stay. */
    public static JsonNode mapStrings(JsonNode node, UnaryOperator<String> strings) {
        if (node == null) {
            return null;
        }
        if (node.isTextual()) {
            return TextNode.valueOf(strings.apply(node.asText()));
        }
        if (node.isArray()) {
            ArrayNode out = MAPPER.createArrayNode();
            node.forEach(e -> out.add(mapStrings(e, strings)));
            return out;
        }
        if (node.isObject()) {
            ObjectNode out = MAPPER.createObjectNode();
            node.fields().forEachRemaining(f -> out.set(f.getKey(), mapStrings(f.getValue(), strings)));
            return out;
        }
        return node;
    }
}
