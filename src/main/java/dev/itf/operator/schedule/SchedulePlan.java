package dev.itf.operator.schedule;

import dev.itf.api.Cron;
import dev.itf.api.Itf;
import dev.itf.api.RunPhase;
import dev.itf.api.TestRun;
import dev.itf.api.TestSchedule;
import dev.itf.api.TestScheduleSpec;
import dev.itf.api.TestScheduleSpec.ConcurrencyPolicy;
import dev.itf.api.TestScheduleStatus;
import dev.itf.api.TestScheduleStatus.Pending;
import dev.itf.api.TestScheduleStatus.RunRef;
import dev.itf.api.TestScheduleStatus.WorkloadGeneration;
import dev.itf.operator.StatusConditions;
import dev.itf.operator.StatusUpdate;
import dev.itf.runner.Durations;
import dev.itf.validation.Problem;
import dev.itf.validation.ScheduleValidator;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What a TestSchedule should do now, decided from its spec, its last status, its runs and the workloads of its
 * namespace: a pure function, so every policy is tested without a cluster. Ticks and rollouts become one pending
 * trigger (joined within the debounce window, and with Queue while a run is active); a due trigger starts a run,
 * replaces the active one, waits, or is skipped, as the concurrency policy says. Nothing is dropped without a trace:
 * a skipped trigger is written to status.lastSkipped and becomes an Event.
 */
public final class SchedulePlan {

    /** At most this many trigger reasons are kept on a pending run; the rest are counted. */
    static final int LISTED_REASONS = 10;

    /** An Event to record on the schedule. */
    public record Note(String reason, String message, boolean warning) {
    }

    /**
     * @param status the schedule's next status
     * @param create the run to create, if one starts now
     * @param delete runs to delete: the active ones a Replace ends, and finished ones beyond the history limits
     * @param wake   when to look again (the next tick or the end of the debounce window), if nothing else wakes it
     */
    public record Plan(TestScheduleStatus status, Optional<TestRun> create, List<String> delete, Optional<Duration> wake,
                       List<Note> notes) {
    }

    private SchedulePlan() {
    }

    public static Plan plan(TestSchedule schedule, Instant now, List<TestRun> runs, List<Workload> workloads,
                            StatusConditions conditions) {
        TestScheduleStatus next = StatusUpdate.copy(schedule.getStatus(), TestScheduleStatus.class);
        if (next == null) {
            next = new TestScheduleStatus();
        }
        Long generation = schedule.getMetadata().getGeneration();
        List<Problem> problems = ScheduleValidator.validate(schedule);
        next.observedGeneration = generation;
        next.conditions = conditions.with(next.conditions, conditions.valid(problems, describe(schedule.getSpec()), generation));
        List<String> delete = new ArrayList<>();
        List<Note> notes = new ArrayList<>();
        List<TestRun> active = observeRuns(schedule, runs, next, delete);
        if (!problems.isEmpty()) {
            next.pending = null;
            next.nextScheduleTime = null;
            return new Plan(next, Optional.empty(), delete, Optional.empty(), notes);
        }
        TestScheduleSpec spec = schedule.getSpec();
        boolean suspended = Boolean.TRUE.equals(spec.suspend);
        ZoneId zone = ZoneId.of(spec.timeZone == null ? "UTC" : spec.timeZone);
        List<Trigger> triggers = new ArrayList<>();
        Optional<Instant> nextTick = ticks(schedule, now, zone, next, triggers);
        rollouts(spec, workloads, now, next, triggers);
        if (suspended) {
            if (!triggers.isEmpty() || next.pending != null) {
                List<String> reasons = new ArrayList<>(next.pending == null ? List.of() : next.pending.reasons);
                triggers.forEach(t -> reasons.add(t.reason()));
                skip(next, now, notes, "no run for " + String.join("; ", reasons) + ": the schedule is suspended");
            }
            next.pending = null;
            return new Plan(next, Optional.empty(), delete, nextTick.map(t -> Duration.between(now, t)), notes);
        }
        Duration debounce = spec.debounce == null ? Duration.ZERO : Durations.parse(spec.debounce);
        // the runs, read fresh, say which triggers were served: a reconcile that sees an older status starts nothing twice
        Set<String> served = served(runs);
        if (next.pending != null) {
            next.pending.reasons.removeIf(served::contains);
            if (next.pending.reasons.isEmpty()) {
                next.pending = null;
            }
        }
        for (Trigger t : triggers) {
            if (served.contains(t.reason())) {
                continue;
            }
            if (next.pending == null) {
                next.pending = new Pending();
                next.pending.since = time(t.at());
                next.pending.due = time(t.at().plus(debounce));
            }
            addReason(next.pending, t.reason());
            if (t.rollout()) {
                next.lastTriggerTime = time(now);
            }
        }
        Optional<TestRun> create = Optional.empty();
        if (next.pending != null && !now.isBefore(Instant.parse(next.pending.due))) {
            Set<String> taken = new HashSet<>(runs.stream().map(r -> r.getMetadata().getName()).toList());
            create = due(schedule, now, active, taken, next, delete, notes);
        }
        Optional<Instant> wakeAt = nextTick;
        if (next.pending != null && now.isBefore(Instant.parse(next.pending.due))) {
            Instant due = Instant.parse(next.pending.due);
            wakeAt = Optional.of(wakeAt.filter(t -> t.isBefore(due)).orElse(due));
        }
        return new Plan(next, create, delete, wakeAt.map(t -> Duration.between(now, t)), notes);
    }

    private record Trigger(String reason, Instant at, boolean rollout) {
    }

    /** The pending trigger is due: start its run, or wait, or skip it, as the concurrency policy says. */
    private static Optional<TestRun> due(TestSchedule schedule, Instant now, List<TestRun> active, Set<String> taken,
                                         TestScheduleStatus next, List<String> delete, List<Note> notes) {
        ConcurrencyPolicy policy = schedule.getSpec().concurrencyPolicy == null ? ConcurrencyPolicy.Queue : schedule.getSpec().concurrencyPolicy;
        Pending pending = next.pending;
        String reasons = String.join("; ", pending.reasons);
        if (!active.isEmpty()) {
            String names = String.join(", ", active.stream().map(r -> r.getMetadata().getName()).toList());
            switch (policy) {
                case Forbid -> {
                    next.pending = null;
                    skip(next, now, notes, "no run for " + reasons + ": " + names + " still running (concurrencyPolicy Forbid)");
                    return Optional.empty();
                }
                case Queue -> {
                    // at most one run waits: later triggers join this one
                    return Optional.empty();
                }
                case Replace -> {
                    active.forEach(r -> delete.add(r.getMetadata().getName()));
                    notes.add(new Note("RunReplaced", "deleted " + names + " to start a run for " + reasons + " (concurrencyPolicy Replace)", false));
                }
                case Allow -> {
                }
            }
        }
        next.pending = null;
        // a run is named after the second its trigger fell due; another trigger due in the same second (seen by a
        // later reconcile) takes the next free second, or its create would be refused as the same run
        Instant at = Instant.parse(pending.due);
        while (taken.contains(ScheduledRun.name(schedule, at))) {
            at = at.plusSeconds(1);
        }
        TestRun run = ScheduledRun.build(schedule, at, pending.reasons);
        next.lastRun = new RunRef(run.getMetadata().getName(), RunPhase.Pending);
        next.active.add(new RunRef(run.getMetadata().getName(), RunPhase.Pending));
        next.activeCount = next.active.size();
        notes.add(new Note("RunCreated", "started " + run.getMetadata().getName() + " for " + reasons, false));
        return Optional.of(run);
    }

    /** Fills active, activeCount and lastRun from the runs; returns the active ones and adds what the history limits drop. */
    private static List<TestRun> observeRuns(TestSchedule schedule, List<TestRun> runs, TestScheduleStatus next, List<String> delete) {
        List<TestRun> own = runs.stream()
                .filter(r -> r.getMetadata().getDeletionTimestamp() == null)
                .sorted(Comparator.comparing((TestRun r) -> Objects.requireNonNullElse(r.getMetadata().getCreationTimestamp(), ""))
                        .thenComparing(r -> r.getMetadata().getName()))
                .toList();
        List<TestRun> active = own.stream().filter(r -> !phase(r).isFinal()).toList();
        next.active = new ArrayList<>(active.stream().map(r -> new RunRef(r.getMetadata().getName(), phase(r))).toList());
        next.activeCount = next.active.size();
        if (!own.isEmpty()) {
            TestRun last = own.get(own.size() - 1);
            next.lastRun = new RunRef(last.getMetadata().getName(), phase(last));
        }
        TestScheduleSpec spec = schedule.getSpec();
        int keepSucceeded = spec == null || spec.successfulRunsHistoryLimit == null ? 3 : spec.successfulRunsHistoryLimit;
        int keepFailed = spec == null || spec.failedRunsHistoryLimit == null ? 3 : spec.failedRunsHistoryLimit;
        prune(own.stream().filter(r -> phase(r) == RunPhase.Succeeded).toList(), keepSucceeded, delete);
        prune(own.stream().filter(r -> phase(r) == RunPhase.Failed || phase(r) == RunPhase.Error).toList(), keepFailed, delete);
        return active;
    }

    private static void prune(List<TestRun> oldestFirst, int keep, List<String> delete) {
        for (int i = 0; i < oldestFirst.size() - keep; i++) {
            delete.add(oldestFirst.get(i).getMetadata().getName());
        }
    }

    /**
     * The tick owed now, if any: the latest one after the last handled (or after the schedule's creation). However many
     * ticks were missed while the operator was away, at most one run is owed. Returns the next tick.
     */
    private static Optional<Instant> ticks(TestSchedule schedule, Instant now, ZoneId zone, TestScheduleStatus next, List<Trigger> triggers) {
        String expression = schedule.getSpec().schedule;
        if (expression == null) {
            next.lastScheduleTime = null;
            next.nextScheduleTime = null;
            return Optional.empty();
        }
        Cron cron = Cron.parse(expression);
        Instant from = next.lastScheduleTime != null ? Instant.parse(next.lastScheduleTime)
                : schedule.getMetadata().getCreationTimestamp() != null ? Instant.parse(schedule.getMetadata().getCreationTimestamp())
                : now;
        Optional<ZonedDateTime> owed = cron.latest(from, now.atZone(zone));
        owed.ifPresent(tick -> {
            next.lastScheduleTime = time(tick.toInstant());
            triggers.add(new Trigger("schedule " + time(tick.toInstant()), tick.toInstant(), false));
        });
        Optional<Instant> upcoming = cron.next(now.atZone(zone)).map(ZonedDateTime::toInstant);
        next.nextScheduleTime = upcoming.map(SchedulePlan::time).orElse(null);
        return upcoming;
    }

    /**
     * A rollout: a matching workload's generation fully available, newer than the one last seen so. The first look
     * only notes the generations of the workloads already there; a workload created later triggers on its first rollout.
     */
    private static void rollouts(TestScheduleSpec spec, List<Workload> workloads, Instant now, TestScheduleStatus next, List<Trigger> triggers) {
        if (spec.triggers == null || spec.triggers.isEmpty()) {
            next.rollouts = null;
            return;
        }
        boolean firstLook = next.rollouts == null;
        Map<String, Long> seen = new LinkedHashMap<>();
        if (next.rollouts != null) {
            next.rollouts.forEach(w -> seen.put(w.kind + "/" + w.name, w.generation));
        }
        List<WorkloadGeneration> observed = new ArrayList<>();
        for (Workload w : workloads.stream().sorted(Comparator.comparing((Workload w) -> w.kind().name()).thenComparing(Workload::name)).toList()) {
            if (!watches(spec, w)) {
                continue;
            }
            String key = w.kind() + "/" + w.name();
            Long last = seen.get(key);
            if (w.available() && (last == null || w.generation() > last)) {
                if (!firstLook) {
                    triggers.add(new Trigger("rollout " + key + " generation " + w.generation(), now, true));
                }
                last = w.generation();
            }
            if (last != null) {
                observed.add(new WorkloadGeneration(w.kind().name(), w.name(), last));
            }
        }
        next.rollouts = observed;
    }

    /** Whether a rollout trigger of the schedule selects the workload. */
    public static boolean watches(TestSchedule schedule, Workload workload) {
        return schedule.getSpec() != null && watches(schedule.getSpec(), workload);
    }

    private static boolean watches(TestScheduleSpec spec, Workload workload) {
        return spec.triggers != null && spec.triggers.stream().anyMatch(t -> t != null && t.rollout != null
                && t.rollout.kind == workload.kind() && LabelSelectors.matches(t.rollout.selector, workload.labels()));
    }

    private static void addReason(Pending pending, String reason) {
        if (pending.reasons.size() < LISTED_REASONS) {
            pending.reasons.add(reason);
            return;
        }
        String last = pending.reasons.get(LISTED_REASONS - 1);
        int more = last.startsWith("and ") ? Integer.parseInt(last.split(" ")[1]) + 1 : 2;
        pending.reasons.set(LISTED_REASONS - 1, "and " + more + " more");
    }

    private static void skip(TestScheduleStatus next, Instant now, List<Note> notes, String message) {
        next.lastSkipped = new TestScheduleStatus.Skipped();
        next.lastSkipped.time = time(now);
        next.lastSkipped.message = message;
        notes.add(new Note("RunSkipped", message, true));
    }

    private static String describe(TestScheduleSpec spec) {
        List<String> parts = new ArrayList<>();
        if (spec.schedule != null) {
            parts.add("schedule \"" + spec.schedule + "\" in " + (spec.timeZone == null ? "UTC" : spec.timeZone));
        }
        if (spec.triggers != null && !spec.triggers.isEmpty()) {
            parts.add(spec.triggers.size() + " rollout trigger" + (spec.triggers.size() == 1 ? "" : "s"));
        }
        return String.join(", ", parts);
    }

    private static RunPhase phase(TestRun run) {
        return run.getStatus() == null || run.getStatus().phase == null ? RunPhase.Pending : run.getStatus().phase;
    }

    /** The triggers the runs were started for, from their trigger annotations. */
    private static Set<String> served(List<TestRun> runs) {
        Set<String> served = new HashSet<>();
        for (TestRun r : runs) {
            String trigger = r.getMetadata().getAnnotations() == null ? null : r.getMetadata().getAnnotations().get(Itf.ANNOTATION_TRIGGER);
            if (trigger != null) {
                served.addAll(Arrays.asList(trigger.split("; ")));
            }
        }
        return served;
    }

    static String time(Instant t) {
        return t.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
