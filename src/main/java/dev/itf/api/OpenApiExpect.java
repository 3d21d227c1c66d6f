package dev.itf.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.crd.generator.annotation.PreserveUnknownFields;

/** A contract expectation: the response must be one the OpenAPI 3.0 or 3.1 document declares for the operation. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class OpenApiExpect {
    @PreserveUnknownFields
    @JsonPropertyDescription("The OpenAPI document (YAML or JSON): a file next to the suite, or {configMapRef: {name}, key}.")
    public JsonNode spec;

    @JsonPropertyDescription("The operationId of the operation the request calls, e.g. listOrders.")
    public String operationId;
}
