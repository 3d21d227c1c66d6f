package dev.itf.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

import java.util.ArrayList;
import java.util.List;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class TestCase {
    @Required
    @Pattern("^[A-Za-z0-9][A-Za-z0-9_.:-]*$")
    @JsonPropertyDescription("Unique id of the case within the suite, e.g. API_001.")
    public String id;

    @Required
    @JsonPropertyDescription("Short human title of the case.")
    public String title;

    @JsonPropertyDescription("Longer description of what the case checks.")
    public String description;

    @JsonPropertyDescription("Tags used to select cases (TestRun spec.selector, itf run --tags).")
    public List<String> tags = new ArrayList<>();

    @JsonPropertyDescription("Documentation: what must hold before the case runs.")
    public List<String> prerequisites = new ArrayList<>();

    @JsonPropertyDescription("Documentation: the results the case expects.")
    public List<String> expectedResults = new ArrayList<>();

    @Default("medium")
    @JsonPropertyDescription("How much a failure matters: high, medium (default) or low; reports label and sort by it.")
    public Severity severity;

    @JsonPropertyDescription("Who answers for the case (a team or a person); shown in reports.")
    public String owner;

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    @JsonPropertyDescription("Links to requirements, tickets or runbooks, shown in reports.")
    public List<CaseLink> links = new ArrayList<>();

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    @JsonPropertyDescription("Compliance controls the case evidences, written PROFILE:CONTROL, e.g. gdpr:art17.")
    public List<@Pattern(Itf.CONTROL_PATTERN) String> controls = new ArrayList<>();

    @JsonPropertyDescription("Name of a spec.data set: the case runs once per row, as ID[1], ID[2], ... (ID[<row.id>] when rows have an id), with ${row.FIELD} in its steps.")
    public String forEach;

    @Pattern(Itf.DURATION_PATTERN)
    @JsonPropertyDescription("Time budget of one attempt of the case, e.g. 10s; overrides spec.defaults.timeout.")
    public String timeout;

    @Min(0)
    @JsonPropertyDescription("How often a failed or errored case is tried again; overrides spec.defaults.retries.")
    public Integer retries;

    @Required
    @Size(min = 1)
    @JsonPropertyDescription("Ordered steps; variables captured by a step are visible to the steps after it.")
    public List<Step> steps = new ArrayList<>();
}
