package dev.itf.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.fasterxml.jackson.module.paramnames.ParameterNamesModule;

import java.util.function.UnaryOperator;

/**
 * ITF's one configured Jackson mapper, for the runner, the operator, reports and validation alike: thread-safe once
 * configured, so one instance serves every use. YAML mappers derive from the same configuration ({@link #YAML},
 * {@link #yaml}); a use that needs other settings derives a copy too, it never starts from a bare ObjectMapper.
 */
public final class Json {

    /** Modules named, not discovered: a class-path scan for modules costs start-up time on every command. */
    public static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .registerModule(new Jdk8Module())
            .registerModule(new ParameterNamesModule());

    /** The same configuration reading and writing YAML. */
    public static final ObjectMapper YAML = yaml(new YAMLFactory());

    private Json() {
    }

    /** A mapper with this configuration over a YAML factory of the caller's settings (quoting, document markers). */
    public static ObjectMapper yaml(YAMLFactory factory) {
        return MAPPER.copyWith(factory);
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
