package dev.itf.runner.expect;

import com.fasterxml.jackson.databind.JsonNode;
import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.InvalidPathException;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.PathNotFoundException;
import com.jayway.jsonpath.spi.json.JacksonJsonNodeJsonProvider;
import com.jayway.jsonpath.spi.mapper.JacksonMappingProvider;
import dev.itf.json.Json;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Reads JSONPaths (Jayway, on Jackson trees) for expectations and captures alike. */
public final class JsonPathReader {

    private static final Configuration JSON_PATH = Configuration.builder()
            .jsonProvider(new JacksonJsonNodeJsonProvider(Json.MAPPER))
            .mappingProvider(new JacksonMappingProvider(Json.MAPPER))
            .build();

    private static final int MAX_COMPILED = 10_000;
    private static final Map<String, JsonPath> COMPILED = new ConcurrentHashMap<>();

    private JsonPathReader() {
    }

    /** The path compiled, once per distinct text (compiled paths are immutable and shared by every case). */
    public static JsonPath compile(String path) {
        JsonPath compiled = path == null ? null : COMPILED.get(path);
        if (compiled != null) {
            return compiled;
        }
        try {
            compiled = JsonPath.compile(path);
        } catch (InvalidPathException | IllegalArgumentException e) {
            throw new IllegalArgumentException("bad JSONPath \"" + path + "\": " + e.getMessage());
        }
        if (COMPILED.size() < MAX_COMPILED) {
            COMPILED.put(path, compiled);
        }
        return compiled;
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
