package dev.itf.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class GraphqlExpect {
    @JsonPropertyDescription("The response must have no errors array (or an empty one).")
    public Boolean noErrors;
}
