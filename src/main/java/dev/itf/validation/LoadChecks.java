package dev.itf.validation;

import dev.itf.api.Step;
import dev.itf.results.LoadThresholds;
import dev.itf.runner.load.LoadPlan;

import java.util.List;
import java.util.Map;

/** What a load step and its thresholds must satisfy beyond their schema (SPEC §6), each problem naming its field. */
final class LoadChecks {

    private LoadChecks() {
    }

    /** @param path the step's path, e.g. spec.cases[0].steps[1] */
    static void check(ProblemList problems, String path, Step step) {
        if (step.load != null) {
            for (LoadPlan.Problem p : LoadPlan.problems(step.load)) {
                problems.add(path + ".load" + p.field(), p.message());
            }
            if (step.load.request != null && step.load.request.http != null && step.load.request.graphql != null) {
                return;
            }
        }
        if (step.expect != null && step.expect.thresholds != null && !step.expect.thresholds.isNull()) {
            if (step.load == null) {
                problems.add(path + ".expect.thresholds", "applies to load steps only");
                return;
            }
            for (LoadThresholds.Problem p : LoadThresholds.problems(step.expect.thresholds)) {
                problems.add(path + ".expect.thresholds" + p.field(), p.message());
            }
        }
    }

    /** The components whose pods' resources the step's thresholds measure, with the path naming each. */
    static List<ComponentUse> components(String path, Step step) {
        if (step.load == null || step.expect == null) {
            return List.of();
        }
        return LoadThresholds.components(step.expect.thresholds).stream()
                .map((Map.Entry<String, String> e) -> new ComponentUse(path + ".expect.thresholds" + e.getKey(), e.getValue(), null))
                .toList();
    }
}
