package dev.itf.runner.expect;

import com.fasterxml.jackson.databind.JsonNode;
import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.InvalidPathException;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.PathNotFoundException;
import com.jayway.jsonpath.spi.json.JacksonJsonNodeJsonProvider;
import com.jayway.jsonpath.spi.mapper.JacksonMappingProvider;
import dev.itf.json.Json;

/** Reads JSONPaths (Jayway, on Jackson trees) for expectations and captures alike. */
public final class JsonPathReader {

    private static final Configuration JSON_PATH = Configuration.builder()
            .jsonProvider(new JacksonJsonNodeJsonProvider(Json.MAPPER))
            .mappingProvider(new JacksonMappingProvider(Json.MAPPER))
            .build();

    private JsonPathReader() {
    }

    public static JsonPath compile(String path) {
        try {
            return JsonPath.compile(path);
        } catch (InvalidPathException | IllegalArgumentException e) {
            throw new IllegalArgumentException("bad JSONPath \"" + path + "\": " + e.getMessage());
        }
    }

    /** The value at the path, or null when there is none (an indefinite path with no match counts as none). */
    public static JsonNode read(JsonPath path, JsonNode json) {
        if (json == null) {
            return null;
        }
        try {
            Object value = path.read(json, JSON_PATH);
            JsonNode node = value instanceof JsonNode n ? n : Json.MAPPER.valueToTree(value);
            if (!path.isDefinite() && node.isArray() && node.isEmpty()) {
                return null;
            }
            return node;
        } catch (PathNotFoundException e) {
            return null;
        }
    }
}
