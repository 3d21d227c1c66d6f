package dev.itf.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.SchemaFrom;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.kubernetes.api.model.IntOrString;

import java.util.ArrayList;
import java.util.List;

/** A load step (SPEC §6): one request sent many times at an arrival rate (open model) or by virtual users (closed model). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class LoadAction {
    /** Rates are arrivals per second or per minute, e.g. 200/s or 30/m. */
    public static final String RATE_PATTERN = "^[0-9]+(\\.[0-9]+)?/(s|m)$";

    @JsonPropertyDescription("The request sent: one http or graphql action, as in those steps (auth, templates, body).")
    public Request request;

    @Pattern(RATE_PATTERN)
    @JsonPropertyDescription("Open model: arrivals per second (200/s) or per minute (30/m), independent of response times.")
    public String rate;

    @Min(1)
    @JsonPropertyDescription("Closed model: virtual users; each sends its next request when its last one returns.")
    public Integer vus;

    @Pattern(Itf.DURATION_PATTERN)
    @JsonPropertyDescription("How long the measured load lasts, with rate or vus (or use stages).")
    public String duration;

    @JsonPropertyDescription("Linear ramps of the rate (open model) or of the virtual users (closed model), from 0 or the previous stage's target.")
    public List<Stage> stages = new ArrayList<>();

    @Pattern(Itf.DURATION_PATTERN)
    @JsonPropertyDescription("Sent before the measured period at the first target, but not measured.")
    public String warmup;

    @Min(1)
    @JsonPropertyDescription("Open model: arrivals beyond this many outstanding requests are dropped and counted (default 1000).")
    public Integer maxInFlight;

    @SchemaFrom(type = IntOrString.class)
    @JsonPropertyDescription("In a TestRun: split the rate or vus over this many runner Jobs (a number or all) and merge their measurements (default 1).")
    public String shards;

    @JsonPropertyDescription("Stop early, and fail the step, when the error rate exceeds a limit.")
    public StopWhen stopWhen;

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class Request {
        @JsonPropertyDescription("An HTTP request.")
        public HttpAction http;

        @JsonPropertyDescription("A GraphQL query or mutation over HTTP.")
        public GraphqlAction graphql;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class Stage {
        @Pattern(Itf.DURATION_PATTERN)
        @JsonPropertyDescription("How long the ramp lasts, e.g. 30s.")
        public String duration;

        @SchemaFrom(type = IntOrString.class)
        @JsonPropertyDescription("The rate (200/s) or number of virtual users (20) reached at the end of the stage.")
        public String target;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class StopWhen {
        @Pattern("^[0-9]+(\\.[0-9]+)?%$")
        @JsonPropertyDescription("Stop when errors / requests of the measured period exceed this, e.g. 50%.")
        public String errorRate;

        @Pattern(Itf.DURATION_PATTERN)
        @JsonPropertyDescription("Judge only after this much of the measured period (default 5s), so the first errors do not stop the step.")
        public String after;
    }
}
