package dev.itf.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;

import java.util.LinkedHashMap;
import java.util.Map;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class SuiteDefaults {
    @Pattern(Itf.DURATION_PATTERN)
    @JsonPropertyDescription("Default time budget of a case, e.g. 30s.")
    public String timeout;

    @Min(0)
    @JsonPropertyDescription("Default number of retries of a failed case.")
    public Integer retries;

    @JsonPropertyDescription("Headers sent with every http and graphql request unless the step sets them.")
    public Map<String, String> headers = new LinkedHashMap<>();
}
