package dev.itf.operator;

import dev.itf.validation.Problem;
import io.fabric8.kubernetes.api.model.Condition;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class StatusConditionsTest {

    private static final Clock T1 = Clock.fixed(Instant.parse("2026-01-01T10:00:00.123Z"), ZoneOffset.UTC);
    private static final Clock T2 = Clock.fixed(Instant.parse("2026-01-01T11:00:00Z"), ZoneOffset.UTC);

    private static final List<Problem> ONE_PROBLEM = List.of(new Problem("spec.cases[3].steps[0].http.auth", "auth \"admin\" is not defined"));

    @Test
    void validWithoutProblems() {
        StatusConditions conditions = new StatusConditions(T1);
        Condition c = conditions.with(List.of(), conditions.valid(List.of(), "3 cases", 2L)).get(0);

        assertThat(c.getType()).isEqualTo("Valid");
        assertThat(c.getStatus()).isEqualTo("True");
        assertThat(c.getReason()).isEqualTo("Valid");
        assertThat(c.getMessage()).isEqualTo("3 cases");
        assertThat(c.getObservedGeneration()).isEqualTo(2L);
        assertThat(c.getLastTransitionTime()).isEqualTo("2026-01-01T10:00:00Z");
    }

    @Test
    void invalidTakesTheReasonOfTheFirstProblemAndListsTheFirstFive() {
        StatusConditions conditions = new StatusConditions(T1);
        List<Problem> problems = IntStream.range(0, 7)
                .mapToObj(i -> new Problem("spec.cases[" + i + "].id", "is required", i == 0 ? "SecretNotFound" : "InvalidSpec"))
                .toList();
        Condition c = conditions.valid(problems, "unused", 1L);

        assertThat(c.getStatus()).isEqualTo("False");
        assertThat(c.getReason()).isEqualTo("SecretNotFound");
        assertThat(c.getMessage()).isEqualTo("spec.cases[0].id: is required; spec.cases[1].id: is required; spec.cases[2].id: is required; "
                + "spec.cases[3].id: is required; spec.cases[4].id: is required; and 2 more problems");
        assertThat(conditions.valid(ONE_PROBLEM, "unused", 1L).getMessage())
                .isEqualTo("spec.cases[3].steps[0].http.auth: auth \"admin\" is not defined");
    }

    @Test
    void theTransitionTimeMovesOnlyWhenTheStatusFlips() {
        List<Condition> first = new StatusConditions(T1).with(List.of(), new StatusConditions(T1).valid(ONE_PROBLEM, "", 1L));
        StatusConditions later = new StatusConditions(T2);

        List<Condition> sameStatus = later.with(first, later.valid(List.of(new Problem("spec", "other")), "", 2L));
        assertThat(sameStatus).singleElement().satisfies(c -> {
            assertThat(c.getLastTransitionTime()).isEqualTo("2026-01-01T10:00:00Z");
            assertThat(c.getMessage()).isEqualTo("spec: other");
            assertThat(c.getObservedGeneration()).isEqualTo(2L);
        });

        List<Condition> flipped = later.with(first, later.valid(List.of(), "1 case", 2L));
        assertThat(flipped).singleElement().satisfies(c -> {
            assertThat(c.getStatus()).isEqualTo("True");
            assertThat(c.getLastTransitionTime()).isEqualTo("2026-01-01T11:00:00Z");
        });
    }

    @Test
    void otherConditionsAreKeptInPlace() {
        StatusConditions conditions = new StatusConditions(T1);
        List<Condition> two = conditions.with(conditions.with(List.of(),
                conditions.condition("Resolved", "True", "Resolved", "ok", 1L)),
                conditions.condition("Completed", "False", "Running", "", 1L));
        List<Condition> updated = conditions.with(two, conditions.condition("Resolved", "False", "SuiteNotFound", "gone", 1L));

        assertThat(updated).extracting(Condition::getType).containsExactly("Resolved", "Completed");
        assertThat(StatusConditions.isTrueAt(two, "Resolved", 1L)).isTrue();
        assertThat(StatusConditions.isTrueAt(two, "Resolved", 2L)).isFalse();
        assertThat(StatusConditions.isTrueAt(updated, "Resolved", 1L)).isFalse();
    }
}
