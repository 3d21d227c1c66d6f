package dev.itf.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

import java.util.ArrayList;
import java.util.List;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class RedisAction {
    @JsonPropertyDescription("The cache component of the environment; or give uri.")
    public String component;

    @JsonPropertyDescription("Redis URI instead of a component: redis://host:port.")
    public String uri;

    @Required
    @Size(min = 1)
    @JsonPropertyDescription("The command and its arguments, e.g. [GET, \"order:42\"].")
    public List<String> command = new ArrayList<>();

    @Pattern(Itf.DURATION_PATTERN)
    @JsonPropertyDescription("Re-run the command until the expectations hold or this time is up.")
    public String within;
}
