package dev.itf.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class WaitAction {
    @Required
    @Pattern(Itf.DURATION_PATTERN)
    @JsonPropertyDescription("How long to wait, e.g. 1s.")
    public String duration;
}
