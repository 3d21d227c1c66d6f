package dev.itf.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Condition;

import java.util.ArrayList;
import java.util.List;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class TestRunStatus {
    @JsonPropertyDescription("Pending, Provisioning, Running, Succeeded, Failed or Error.")
    public RunPhase phase;
    @JsonPropertyDescription("The generation of the spec this status describes.")
    public Long observedGeneration;
    @JsonPropertyDescription("Conditions: Resolved, EnvironmentReady, Completed, Succeeded.")
    public List<Condition> conditions = new ArrayList<>();
    @JsonPropertyDescription("The run's own namespace.")
    public String namespace;
    @JsonPropertyDescription("The generation of the TestSuite this run uses.")
    public Long suiteGeneration;
    @JsonPropertyDescription("The generation of the TestEnvironment this run uses.")
    public Long environmentGeneration;
    @JsonPropertyDescription("When the run started (RFC 3339).")
    public String startTime;
    @JsonPropertyDescription("When the run finished (RFC 3339).")
    public String completionTime;
    @JsonPropertyDescription("How long the run took, e.g. 1m12s; set when it finishes (the STARTED column shows the age of an unfinished run).")
    public String duration;
    @JsonPropertyDescription("Counts of case results.")
    public Summary summary;
    @JsonPropertyDescription("The first failed or errored cases (at most 20).")
    public List<Failure> failures = new ArrayList<>();
    @JsonPropertyDescription("Where the run's reports can be fetched.")
    public String reportUrl;
    @JsonPropertyDescription("Per compliance profile the suite selects: counts of passed, failed and not-tested controls.")
    public List<ComplianceCounts> compliance;

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class ComplianceCounts {
        @JsonPropertyDescription("The profile, e.g. pci-dss-4.0.")
        public String profile;
        @JsonPropertyDescription("Controls whose evidence all passed.")
        public int passed;
        @JsonPropertyDescription("Controls with failed evidence.")
        public int failed;
        @JsonPropertyDescription("Controls no check or case of the run evidences.")
        public int notTested;
    }
    @JsonPropertyDescription("Each load step of the run (at most 20), measured over every shard: case, step, requests, throughput, p95, errorRate and whether its thresholds held.")
    public List<LoadStep> load;

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class Summary {
        @JsonPropertyDescription("Selected cases.")
        public int total;
        @JsonPropertyDescription("Cases that passed (flaky ones included).")
        public int passed;
        @JsonPropertyDescription("Cases where an expectation did not hold.")
        public int failed;
        @JsonPropertyDescription("Cases where a step could not run.")
        public int errored;
        @JsonPropertyDescription("Cases not run.")
        public int skipped;
        @JsonPropertyDescription("Cases that passed only on a retry.")
        public int flaky;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class LoadStep {
        @com.fasterxml.jackson.annotation.JsonProperty("case")
        @JsonPropertyDescription("Case id.")
        public String caseId;
        @JsonPropertyDescription("Step name.")
        public String step;
        @JsonPropertyDescription("Requests of the measured period.")
        public Long requests;
        @JsonPropertyDescription("Completed requests per second, e.g. 198.5/s.")
        public String throughput;
        @JsonPropertyDescription("95th percentile latency, e.g. 41.2ms.")
        public String p95;
        @JsonPropertyDescription("Errors / requests, e.g. 0.10%.")
        public String errorRate;
        @JsonPropertyDescription("Whether every threshold held (absent while the step has none).")
        public Boolean thresholdsHeld;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class Failure {
        @JsonPropertyDescription("Case id.")
        public String id;
        @JsonPropertyDescription("Case title.")
        public String title;
        @JsonPropertyDescription("What failed: step, expectation, expected and actual value.")
        public String message;

        public Failure() {
        }

        public Failure(String id, String title, String message) {
            this.id = id;
            this.title = title;
            this.message = message;
        }
    }
}
