package dev.itf.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class TestRunSpec {
    @Required
    @JsonPropertyDescription("The TestSuite to run, in the same namespace.")
    public LocalObjectRef suiteRef;

    @JsonPropertyDescription("The TestEnvironment to provision; without it the suite runs against what its variables name.")
    public LocalObjectRef environmentRef;

    @JsonPropertyDescription("Which cases to run: by tags, excluded tags and ids.")
    public Selector selector;

    @JsonPropertyDescription("Run variables; they override the suite's variables.")
    public Map<String, String> variables = new LinkedHashMap<>();

    @Default("1")
    @Min(1)
    @Max(64)
    @JsonPropertyDescription("Number of shards; each is one Job and gets a share of the selected cases.")
    public Integer parallelism;

    @Min(0)
    @JsonPropertyDescription("Retries of a failed case; overrides the suite's retries.")
    public Integer retries;

    @Default("30m")
    @Pattern(Itf.DURATION_PATTERN)
    @JsonPropertyDescription("Time budget of the whole run, provisioning included.")
    public String timeout;

    @JsonPropertyDescription("What happens to the run namespace and the TestRun after the run.")
    public Cleanup cleanup;

    @JsonPropertyDescription("Webhooks called when the run ends in one of the given phases.")
    public List<Notify> notify = new ArrayList<>();

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class Selector {
        @JsonPropertyDescription("Run only cases with at least one of these tags.")
        public List<String> tags = new ArrayList<>();
        @JsonPropertyDescription("Skip cases with any of these tags.")
        public List<String> excludeTags = new ArrayList<>();
        @JsonPropertyDescription("Run only the cases with these ids.")
        public List<String> ids = new ArrayList<>();
    }

    public enum CleanupPolicy {
        Always, OnSuccess, Never
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class Cleanup {
        @Default("Always")
        @JsonPropertyDescription("Delete the run namespace when the run ends: Always (default), OnSuccess or Never.")
        public CleanupPolicy namespace;

        @Min(0)
        @JsonPropertyDescription("Delete the TestRun itself this many seconds after it finished (unset: keep it).")
        public Long ttlSecondsAfterFinished;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class Notify {
        @Required
        @JsonPropertyDescription("The webhook to call.")
        public Webhook webhook;
        @JsonPropertyDescription("Phases that trigger it (default Failed and Error).")
        public List<String> on = new ArrayList<>();
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class Webhook {
        @Required
        @JsonPropertyDescription("URL the run's result is POSTed to as JSON.")
        public String url;
        @JsonPropertyDescription("Secret whose key token is sent as a bearer token.")
        public SecretKeyRef secretRef;
    }
}
