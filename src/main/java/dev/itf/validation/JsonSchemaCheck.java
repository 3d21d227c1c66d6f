package dev.itf.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaId;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import java.util.List;
import java.util.Set;

/** Checks that an inline JSON Schema is itself valid, against the meta-schema of its draft (2020-12 unless $schema says draft-07). */
final class JsonSchemaCheck {

    private static final JsonSchemaFactory DRAFT_2020 = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private static final JsonSchemaFactory DRAFT_7 = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7);
    private static final JsonSchema META_2020 = DRAFT_2020.getSchema(SchemaLocation.of(SchemaId.V202012));
    private static final JsonSchema META_7 = DRAFT_7.getSchema(SchemaLocation.of(SchemaId.V7));

    private JsonSchemaCheck() {
    }

    /** What is wrong with the schema; empty when it is a valid schema. */
    static List<String> problems(JsonNode schema) {
        if (!schema.isObject() && !schema.isBoolean()) {
            return List.of("a JSON Schema must be an object (or true/false)");
        }
        boolean draft7 = schema.path("$schema").asText("").contains("draft-07");
        Set<ValidationMessage> messages = (draft7 ? META_7 : META_2020).validate(schema);
        if (!messages.isEmpty()) {
            return messages.stream().map(m -> "not a valid JSON Schema: " + m.getMessage()).sorted().toList();
        }
        try {
            (draft7 ? DRAFT_7 : DRAFT_2020).getSchema(schema).initializeValidators();
            return List.of();
        } catch (RuntimeException e) {
            return List.of("not a valid JSON Schema: " + e.getMessage());
        }
    }
}
