package dev.itf.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.crd.generator.annotation.PreserveUnknownFields;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class Expect {
    @PreserveUnknownFields
    @JsonPropertyDescription("Expected HTTP status: a code (200), a list ([200, 201]) or a class (\"2xx\").")
    public JsonNode status;

    @JsonPropertyDescription("Expected response headers, by name (case-insensitive).")
    public Map<String, ValueMatcher> headers = new LinkedHashMap<>();

    @Pattern("^(json|xml|text)$")
    @JsonPropertyDescription("Expected body format: json, xml or text.")
    public String format;

    @PreserveUnknownFields
    @JsonPropertyDescription("Inline JSON Schema (draft-07 or 2020-12) the JSON body must satisfy.")
    public JsonNode schema;

    @JsonPropertyDescription("A JSON Schema kept in a ConfigMap (or, locally, a file).")
    public SchemaRef schemaRef;

    @JsonPropertyDescription("JSONPath expectations on the JSON body.")
    public List<JsonPathExpectation> jsonPath = new ArrayList<>();

    @JsonPropertyDescription("Expectation on the whole body: equals, contains or matches.")
    public ValueMatcher body;

    @Pattern(Itf.DURATION_PATTERN)
    @JsonPropertyDescription("The step must complete within this time, e.g. 200ms.")
    public String maxDuration;

    @JsonPropertyDescription("GraphQL expectations.")
    public GraphqlExpect graphql;

    @Min(0)
    @JsonPropertyDescription("sql steps: the exact number of rows returned.")
    public Integer rows;

    @PreserveUnknownFields
    @JsonPropertyDescription("load steps: limits judged over the measured period: mean, p50, p90, p95, p99, p99.9, max (latency at most), errorRate, throughput (at least), dropped, resources.")
    public JsonNode thresholds;

    @JsonPropertyDescription("OpenAPI contract: the status and content type are declared for the operation and the body matches the response schema.")
    public OpenApiExpect openapi;
}
