package dev.itf.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.kubernetes.api.model.LabelSelector;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class TestScheduleSpec {
    @JsonPropertyDescription("Cron schedule, 5 fields (minute hour day-of-month month day-of-week), e.g. \"0 3 * * *\"; "
            + "names (JAN, MON), ranges, lists and steps allowed. Optional when triggers are given.")
    public String schedule;

    @Default("UTC")
    @JsonPropertyDescription("IANA time zone the schedule is read in, e.g. Europe/Berlin (default UTC).")
    public String timeZone;

    @JsonPropertyDescription("Rollouts that start a run: when a matching workload of this namespace has a new generation fully available.")
    public List<Trigger> triggers = new ArrayList<>();

    @Default("0s")
    @Pattern(Itf.DURATION_PATTERN)
    @JsonPropertyDescription("Ticks and rollouts within this window after the first of them start one run (default 0s: each starts its own).")
    public String debounce;

    @Default("Queue")
    @JsonPropertyDescription("When a run is due while one of this schedule is active: Allow (start another), Forbid (skip it, "
            + "recorded in status and as an Event), Replace (delete the active run, start the new one) or Queue (default: "
            + "at most one run waits for the active one to finish; later triggers join it).")
    public ConcurrencyPolicy concurrencyPolicy;

    @Default("false")
    @JsonPropertyDescription("True: start no runs; ticks and rollouts while suspended are noted, not queued.")
    public Boolean suspend;

    @Default("3")
    @Min(0)
    @JsonPropertyDescription("Succeeded runs of this schedule kept; older ones are deleted (default 3).")
    public Integer successfulRunsHistoryLimit;

    @Default("3")
    @Min(0)
    @JsonPropertyDescription("Failed and Error runs of this schedule kept; older ones are deleted (default 3).")
    public Integer failedRunsHistoryLimit;

    @Required
    @JsonPropertyDescription("The TestRun each trigger creates.")
    public RunTemplate runTemplate;

    public enum ConcurrencyPolicy {
        Allow, Forbid, Replace, Queue
    }

    public enum WorkloadKind {
        Deployment, StatefulSet, DaemonSet
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class Trigger {
        @Required
        @JsonPropertyDescription("A finished rollout of a workload of this namespace.")
        public Rollout rollout;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class Rollout {
        @Required
        @JsonPropertyDescription("Deployment, StatefulSet or DaemonSet.")
        public WorkloadKind kind;

        @Required
        @JsonPropertyDescription("Labels of the workloads (Kubernetes LabelSelector); must not be empty.")
        public LabelSelector selector;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class RunTemplate {
        @JsonPropertyDescription("Labels and annotations of the runs.")
        public TemplateMetadata metadata;

        @Required
        @JsonPropertyDescription("The spec of the runs, as in a TestRun.")
        public TestRunSpec spec;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class TemplateMetadata {
        @JsonPropertyDescription("Labels put on every run.")
        public Map<String, String> labels = new LinkedHashMap<>();

        @JsonPropertyDescription("Annotations put on every run.")
        public Map<String, String> annotations = new LinkedHashMap<>();
    }
}
