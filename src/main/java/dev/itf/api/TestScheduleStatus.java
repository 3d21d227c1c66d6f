package dev.itf.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Condition;

import java.util.ArrayList;
import java.util.List;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class TestScheduleStatus {
    @JsonPropertyDescription("The generation of the spec this status describes.")
    public Long observedGeneration;

    @JsonPropertyDescription("Conditions: Valid names the field and the problem when the schedule cannot run.")
    public List<Condition> conditions = new ArrayList<>();

    @JsonPropertyDescription("The last cron tick handled (RFC 3339), whether it started a run or not.")
    public String lastScheduleTime;

    @JsonPropertyDescription("The next cron tick (RFC 3339).")
    public String nextScheduleTime;

    @JsonPropertyDescription("When a rollout last triggered a run (RFC 3339).")
    public String lastTriggerTime;

    @JsonPropertyDescription("Runs of this schedule that have not finished.")
    public List<RunRef> active = new ArrayList<>();

    @JsonPropertyDescription("Number of active runs.")
    public Integer activeCount;

    @JsonPropertyDescription("The run started last and its phase.")
    public RunRef lastRun;

    @JsonPropertyDescription("A run that is due but not started yet: waiting for the debounce window or, with Queue, for the active run.")
    public Pending pending;

    @JsonPropertyDescription("The last trigger that started no run (Forbid with a run active, or suspended), and why.")
    public Skipped lastSkipped;

    @JsonPropertyDescription("The last generation of each matching workload seen fully available, so each rollout triggers once.")
    public List<WorkloadGeneration> rollouts;

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class RunRef {
        @JsonPropertyDescription("TestRun name.")
        public String name;
        @JsonPropertyDescription("Its phase when last seen.")
        public RunPhase phase;

        public RunRef() {
        }

        public RunRef(String name, RunPhase phase) {
            this.name = name;
            this.phase = phase;
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class Pending {
        @JsonPropertyDescription("When the first of the triggers arrived (RFC 3339).")
        public String since;
        @JsonPropertyDescription("When the run may start (RFC 3339): since plus debounce; with Queue, once no run is active.")
        public String due;
        @JsonPropertyDescription("What triggered it, e.g. schedule 2026-01-01T03:00:00Z or rollout Deployment/orders generation 4.")
        public List<String> reasons = new ArrayList<>();
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class Skipped {
        @JsonPropertyDescription("When (RFC 3339).")
        public String time;
        @JsonPropertyDescription("What was skipped and why.")
        public String message;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class WorkloadGeneration {
        @JsonPropertyDescription("Deployment, StatefulSet or DaemonSet.")
        public String kind;
        @JsonPropertyDescription("Workload name.")
        public String name;
        @JsonPropertyDescription("Its last generation seen fully available.")
        public Long generation;

        public WorkloadGeneration() {
        }

        public WorkloadGeneration(String kind, String name, Long generation) {
            this.kind = kind;
            this.name = name;
            this.generation = generation;
        }
    }
}
