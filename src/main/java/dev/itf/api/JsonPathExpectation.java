package dev.itf.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.crd.generator.annotation.PreserveUnknownFields;
import io.fabric8.generator.annotation.Required;

/** A JSONPath and what its value must be. Several operators in one entry must all hold. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class JsonPathExpectation {
    @Required
    @JsonPropertyDescription("JSONPath into the body, e.g. $[0].status or $.length().")
    public String path;

    @PreserveUnknownFields
    @JsonPropertyDescription("The value must equal this (strings, numbers, booleans, null, objects, arrays).")
    public JsonNode equals;

    @PreserveUnknownFields
    @JsonPropertyDescription("The value must not equal this.")
    public JsonNode notEquals;

    @JsonPropertyDescription("The value must be a number greater than this.")
    public Double greaterThan;

    @JsonPropertyDescription("The value must be a number less than this.")
    public Double lessThan;

    @JsonPropertyDescription("The value, as text, must match this regular expression.")
    public String matches;

    @JsonPropertyDescription("true: the path must exist; false: it must not.")
    public Boolean exists;

    @PreserveUnknownFields
    @JsonPropertyDescription("A string value must contain this text; an array must contain this element.")
    public JsonNode contains;
}
