package dev.itf.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.crd.generator.annotation.PreserveUnknownFields;

/** Expectation on a text value (a body or a header): equals, contains, matches, exists. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ValueMatcher {
    @PreserveUnknownFields
    @JsonPropertyDescription("The value must equal this; for a JSON body an object or array is compared as JSON.")
    public JsonNode equals;

    @JsonPropertyDescription("The value must contain this text.")
    public String contains;

    @JsonPropertyDescription("The value must match this regular expression (whole value).")
    public String matches;

    @JsonPropertyDescription("Headers: true if it must be present, false if it must be absent.")
    public Boolean exists;
}
