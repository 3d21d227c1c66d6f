package dev.itf.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

import java.util.ArrayList;
import java.util.List;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class SqlAction {
    @JsonPropertyDescription("The database component of the environment; or give uri.")
    public String component;

    @JsonPropertyDescription("Database URI instead of a component: postgresql://, mysql:// or mariadb://.")
    public String uri;

    @Required
    @JsonPropertyDescription("The SQL statement, with ? placeholders for params.")
    public String query;

    @JsonPropertyDescription("Positional parameters, bound as parameters (never spliced into the query).")
    public List<String> params = new ArrayList<>();

    @Pattern(Itf.DURATION_PATTERN)
    @JsonPropertyDescription("Re-run the query until the expectations hold or this time is up, e.g. 10s.")
    public String within;
}
