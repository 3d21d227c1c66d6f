package dev.itf.validation;

import dev.itf.api.Cron;
import dev.itf.api.TestSchedule;
import dev.itf.api.TestScheduleSpec;
import io.fabric8.kubernetes.api.model.LabelSelector;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.List;

/** Checks a TestSchedule: its cron expression and time zone, its triggers, and the run template as a TestRun's spec. */
public final class ScheduleValidator {

    /** Longest schedule name that leaves room for "-" and a unix time in a run's name. */
    static final int MAX_NAME = 52;

    private ScheduleValidator() {
    }

    public static List<Problem> validate(TestSchedule schedule) {
        ProblemList problems = new ProblemList();
        problems.metadata(schedule);
        if (schedule.getMetadata() != null && schedule.getMetadata().getName() != null && schedule.getMetadata().getName().length() > MAX_NAME) {
            problems.add("metadata.name", "at most " + MAX_NAME + " characters, so that run names <schedule>-<unix time> stay valid");
        }
        if (problems.required("spec", schedule.getSpec())) {
            validateSpec(problems, schedule.getSpec());
        }
        return problems.toList();
    }

    private static void validateSpec(ProblemList problems, TestScheduleSpec spec) {
        boolean hasTriggers = spec.triggers != null && !spec.triggers.isEmpty();
        if (spec.schedule == null && !hasTriggers) {
            problems.add("spec", "give a schedule, triggers, or both: without either the schedule never starts a run");
        }
        if (spec.schedule != null) {
            try {
                Cron.parse(spec.schedule);
            } catch (IllegalArgumentException e) {
                problems.add("spec.schedule", "\"" + spec.schedule + "\" " + e.getMessage());
            }
        }
        if (spec.timeZone != null) {
            try {
                ZoneId.of(spec.timeZone);
            } catch (DateTimeException e) {
                problems.add("spec.timeZone", "\"" + spec.timeZone + "\" is not a time zone; use an IANA name such as Europe/Berlin or UTC");
            }
        }
        problems.duration("spec.debounce", spec.debounce);
        problems.min("spec.successfulRunsHistoryLimit", spec.successfulRunsHistoryLimit, 0);
        problems.min("spec.failedRunsHistoryLimit", spec.failedRunsHistoryLimit, 0);
        for (int i = 0; hasTriggers && i < spec.triggers.size(); i++) {
            String path = "spec.triggers[" + i + "]";
            TestScheduleSpec.Trigger trigger = spec.triggers.get(i);
            if (trigger == null || !problems.required(path + ".rollout", trigger.rollout)) {
                continue;
            }
            problems.required(path + ".rollout.kind", trigger.rollout.kind);
            LabelSelector selector = trigger.rollout.selector;
            boolean empty = selector == null || (selector.getMatchLabels() == null || selector.getMatchLabels().isEmpty())
                    && (selector.getMatchExpressions() == null || selector.getMatchExpressions().isEmpty());
            if (empty) {
                problems.add(path + ".rollout.selector", "required, with matchLabels or matchExpressions: an empty selector would match every workload of the namespace");
            }
        }
        if (problems.required("spec.runTemplate", spec.runTemplate) && problems.required("spec.runTemplate.spec", spec.runTemplate.spec)) {
            for (Problem p : RunValidator.validateSpec(spec.runTemplate.spec)) {
                problems.addAll(List.of(new Problem(p.path().replaceFirst("^spec", "spec.runTemplate.spec"), p.message(), p.reason())));
            }
        }
    }
}
