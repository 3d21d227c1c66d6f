package dev.itf.runner.expect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import dev.itf.json.Json;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One OpenAPI 3.0 or 3.1 document, read with the project's YAML mapper: operations by operationId, their declared
 * responses and media types, and each response schema compiled once. {@code $ref}s are local to the document: the
 * schema is compiled as the whole document with a {@code $ref} to the schema's place, so {@code #/components/...}
 * resolve as written. 3.1 schemas are JSON Schema 2020-12; 3.0 schemas are read as draft-04 with
 * {@code nullable: true} turned into a type that also allows null.
 */
final class OpenApiContract {

    private static final List<String> METHODS = List.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

    /** Where an operation is declared: its path template, method and node. */
    record Operation(String path, String method, JsonNode node, String pointer) {
    }

    private final JsonNode document;
    private final boolean v31;
    private final String source;
    private final Map<String, JsonSchema> schemas = new ConcurrentHashMap<>();

    OpenApiContract(JsonNode document, String source) {
        String version = document.path("openapi").asText("");
        if (!version.startsWith("3.0") && !version.startsWith("3.1")) {
            throw new IllegalArgumentException("openapi: " + source + " is not an OpenAPI 3.0 or 3.1 document (openapi: \""
                    + version + "\"); Swagger 2.0 documents are not read");
        }
        this.v31 = version.startsWith("3.1");
        this.document = v31 ? document : nullableAsType(document.deepCopy());
        this.source = source;
    }

    String source() {
        return source;
    }

    Operation operation(String operationId) {
        List<String> known = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (String method : METHODS) {
                JsonNode op = path.getValue().get(method);
                if (op != null && op.has("operationId")) {
                    if (op.get("operationId").asText().equals(operationId)) {
                        return new Operation(path.getKey(), method, op, "/paths/" + escape(path.getKey()) + "/" + method);
                    }
                    known.add(op.get("operationId").asText());
                }
            }
        }
        throw new IllegalArgumentException("openapi: " + source + " has no operation \"" + operationId + "\""
                + (known.isEmpty() ? " (it declares no operationId)" : "; its operations are " + String.join(", ", known)));
    }

    /** The compiled schema at the pointer (a response's media type schema). */
    JsonSchema schema(String pointer) {
        return schemas.computeIfAbsent(pointer, p -> {
            ObjectNode root = document.deepCopy();
            root.put("$ref", "#" + p);
            SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().pathType(PathType.JSON_POINTER).build();
            return JsonSchemaFactory.getInstance(v31 ? SpecVersion.VersionFlag.V202012 : SpecVersion.VersionFlag.V4)
                    .getSchema(root, config);
        });
    }

    static String escape(String segment) {
        return segment.replace("~", "~0").replace("/", "~1");
    }

    /** OpenAPI 3.0's nullable: true as a draft-04 type that allows null, everywhere in the document. */
    private static JsonNode nullableAsType(JsonNode node) {
        if (node.isObject()) {
            ObjectNode o = (ObjectNode) node;
            if (o.path("nullable").asBoolean(false) && o.has("type") && o.get("type").isTextual()) {
                ArrayNode types = Json.MAPPER.createArrayNode().add(o.get("type").asText()).add("null");
                o.set("type", types);
                if (o.has("enum") && o.get("enum").isArray()) {
                    ((ArrayNode) o.get("enum")).addNull();
                }
            }
            o.fields().forEachRemaining(f -> nullableAsType(f.getValue()));
        } else if (node.isArray()) {
            node.forEach(OpenApiContract::nullableAsType);
        }
        return node;
    }

    /** The declared response for the status: the exact code, its class (2XX) or default; null when none. */
    static Map.Entry<String, JsonNode> response(JsonNode operation, int status) {
        JsonNode responses = operation.path("responses");
        String exact = Integer.toString(status);
        String range = (status / 100) + "XX";
        for (String key : List.of(exact, range, range.toLowerCase(Locale.ROOT), "default")) {
            if (responses.has(key)) {
                return Map.entry(key, responses.get(key));
            }
        }
        return null;
    }
}
