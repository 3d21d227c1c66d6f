package dev.itf.runner.expect;

import com.fasterxml.jackson.databind.JsonNode;
import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.InvalidPathException;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.PathNotFoundException;
import com.jayway.jsonpath.spi.json.JacksonJsonNodeJsonProvider;
import com.jayway.jsonpath.spi.mapper.JacksonMappingProvider;
import dev.itf.json.Json;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads JSONPaths (Jayway, on Jackson trees) for expectations and captures alike. A path made of property names only
 * ({@code $.order.status}, {@code $['a b']}), the common case, is walked on the tree directly, with the same result
 * as Jayway's evaluation and none of its per-read machinery.
 */
public final class JsonPathReader {

    private static final Configuration JSON_PATH = Configuration.builder()
            .jsonProvider(new JacksonJsonNodeJsonProvider(Json.MAPPER))
            .mappingProvider(new JacksonMappingProvider(Json.MAPPER))
            .build();

    private static final int MAX_COMPILED = 10_000;
    private static final Map<String, Path> COMPILED = new ConcurrentHashMap<>();

    /** A compiled path: Jayway's, and the property names to walk when the path is made of names only (else null). */
    public record Path(JsonPath jsonPath, String[] names) {
    }

    private JsonPathReader() {
    }

    /** The path compiled, once per distinct text (compiled paths are immutable and shared by every case). */
    public static Path compile(String path) {
        Path compiled = path == null ? null : COMPILED.get(path);
        if (compiled != null) {
            return compiled;
        }
        try {
            compiled = new Path(JsonPath.compile(path), names(path));
        } catch (InvalidPathException | IllegalArgumentException e) {
            throw new IllegalArgumentException("bad JSONPath \"" + path + "\": " + e.getMessage());
        }
        if (COMPILED.size() < MAX_COMPILED) {
            COMPILED.put(path, compiled);
        }
        return compiled;
    }

    /** The value at the path, or null when there is none (an indefinite path with no match counts as none). */
    public static JsonNode read(Path path, JsonNode json) {
        if (json == null) {
            return null;
        }
        if (path.names() != null) {
            return walk(path.names(), json);
        }
        try {
            Object value = path.jsonPath().read(json, JSON_PATH);
            JsonNode node = value instanceof JsonNode n ? n : Json.MAPPER.valueToTree(value);
            if (!path.jsonPath().isDefinite() && node.isArray() && node.isEmpty()) {
                return null;
            }
            return node;
        } catch (PathNotFoundException e) {
            return null;
        }
    }

    /** Down the names from the root: a missing property, or a step into anything but an object, is no value. */
    private static JsonNode walk(String[] names, JsonNode json) {
        JsonNode node = json;
        for (String name : names) {
            if (!node.isObject()) {
                return null;
            }
            node = node.get(name);
            if (node == null) {
                return null;
            }
        }
        // a JSON null at the path reads as Jayway reads it: no Java value, which becomes Jackson's null node
        return node.isNull() ? Json.MAPPER.valueToTree(null) : node;
    }

    /**
     * The property names of a path written as {@code $}, then {@code .name} (letters, digits, _) or {@code ['name']}
     * (no quote or backslash inside) steps only; null for any other path (wildcards, indexes, filters, functions,
     * deep scans), which Jayway evaluates.
     */
    static String[] names(String path) {
        if (!path.startsWith("$")) {
            return null;
        }
        List<String> names = new ArrayList<>();
        int i = 1;
        while (i < path.length()) {
            char c = path.charAt(i);
            if (c == '.') {
                int start = ++i;
                while (i < path.length() && word(path.charAt(i))) {
                    i++;
                }
                if (i == start || Character.isDigit(path.charAt(start))) {
                    return null;
                }
                names.add(path.substring(start, i));
            } else if (c == '[' && path.startsWith("['", i)) {
                int end = path.indexOf("']", i + 2);
                if (end < 0) {
                    return null;
                }
                String name = path.substring(i + 2, end);
                if (name.isEmpty() || name.indexOf('\'') >= 0 || name.indexOf('\\') >= 0) {
                    return null;
                }
                names.add(name);
                i = end + 2;
            } else {
                return null;
            }
        }
        return names.toArray(String[]::new);
    }

    private static boolean word(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    }
}
