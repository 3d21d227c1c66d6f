package dev.itf.runner.expect;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.SpecVersionDetector;
import dev.itf.api.SchemaRef;
import dev.itf.json.Json;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Compiles JSON Schemas once per run. The dialect comes from the schema's $schema (draft-07 or 2020-12), 2020-12
 * when it has none. {@code schemaRef.file} is read relative to the suite file; a schemaRef to a ConfigMap, run locally,
 * reads {@code schemas/<configmap>/<key>} there (in a cluster the operator turns it into a file next to the suite).
 */
public final class SchemaSource {

    private final Path suiteDirectory;
    private final Map<String, JsonSchema> compiled = new ConcurrentHashMap<>();
    private final Map<Path, OpenApiContract> contracts = new ConcurrentHashMap<>();

    public SchemaSource(Path suiteDirectory) {
        this.suiteDirectory = suiteDirectory;
    }

    public JsonSchema inline(JsonNode schema) {
        return compiled.computeIfAbsent(schema.toString(), k -> compile(schema));
    }

    public JsonSchema referenced(SchemaRef ref) {
        Path file = file(ref);
        return compiled.computeIfAbsent("file:" + file.toAbsolutePath(), k -> {
            try {
                return compile(Json.MAPPER.readTree(Files.readString(file)));
            } catch (IOException e) {
                throw new IllegalArgumentException("schemaRef: cannot read " + file + ": " + e.getMessage());
            }
        });
    }

    /** What a failure message calls the referenced schema. */
    public static String describe(SchemaRef ref) {
        if (ref.file != null) {
            return "schemaRef " + ref.file;
        }
        return "schemaRef " + (ref.configMapRef == null ? "?" : ref.configMapRef.name) + "/" + ref.key;
    }

    private Path file(SchemaRef ref) {
        if (ref.file != null) {
            return suiteDirectory.resolve(ref.file);
        }
        if (ref.configMapRef == null || ref.configMapRef.name == null || ref.key == null) {
            throw new IllegalArgumentException("schemaRef: set configMapRef.name and key, or file");
        }
        return suiteDirectory.resolve("schemas").resolve(ref.configMapRef.name).resolve(ref.key);
    }

    private static JsonSchema compile(JsonNode schema) {
        SpecVersion.VersionFlag version = schema.has("$schema")
                ? SpecVersionDetector.detectOptionalVersion(schema, false).orElseThrow(() -> new IllegalArgumentException(
                        "schema: unsupported $schema " + schema.get("$schema") + ": use draft-07 or 2020-12"))
                : SpecVersion.VersionFlag.V202012;
        if (version != SpecVersion.VersionFlag.V7 && version != SpecVersion.VersionFlag.V202012) {
            throw new IllegalArgumentException("schema: unsupported $schema " + schema.get("$schema") + ": use draft-07 or 2020-12");
        }
        return JsonSchemaFactory.getInstance(version).getSchema(schema);
    }

    /**
     * The OpenAPI document of an openapi expectation: {@code spec: FILE} relative to the suite file, or a ConfigMap,
     * read locally from {@code schemas/<configmap>/<key>} (in a cluster the operator puts it next to the suite).
     */
    OpenApiContract openApi(JsonNode spec) {
        Path file;
        if (spec != null && spec.isTextual()) {
            file = suiteDirectory.resolve(spec.asText());
        } else if (spec != null && spec.path("configMapRef").path("name").isTextual() && spec.path("key").isTextual()) {
            file = suiteDirectory.resolve("schemas").resolve(spec.path("configMapRef").path("name").asText()).resolve(spec.path("key").asText());
        } else {
            throw new IllegalArgumentException("openapi.spec: give a file (spec: openapi.yaml) or {configMapRef: {name: NAME}, key: KEY}");
        }
        return contracts.computeIfAbsent(file.toAbsolutePath(), k -> {
            try {
                return new OpenApiContract(Json.YAML.readTree(Files.readString(file)), file.getFileName().toString());
            } catch (IOException e) {
                throw new IllegalArgumentException("openapi.spec: cannot read " + file + ": " + e.getMessage());
            }
        });
    }
}
