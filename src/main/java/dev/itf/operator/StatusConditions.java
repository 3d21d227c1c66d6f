package dev.itf.operator;

import dev.itf.validation.Problem;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Builds the conditions of every ITF resource (metav1.Condition shape): CamelCase reason, message, observedGeneration,
 * and a lastTransitionTime that moves only when the condition's status changes.
 */
@ApplicationScoped
public class StatusConditions {

    public static final String TRUE = "True";
    public static final String FALSE = "False";
    public static final String UNKNOWN = "Unknown";
    public static final String VALID = "Valid";
    public static final String REASON_VALID = "Valid";
    /** At most this many problems are listed in a condition message; the rest are counted. */
    static final int LISTED_PROBLEMS = 5;

    private final Clock clock;

    @Inject
    public StatusConditions(Clock clock) {
        this.clock = clock;
    }

    /** The conditions with {@code next} in place of the condition of its type; the transition time is kept when the status is the same. */
    public List<Condition> with(List<Condition> current, Condition next) {
        List<Condition> out = new ArrayList<>();
        boolean placed = false;
        for (Condition c : current == null ? List.<Condition>of() : current) {
            if (Objects.equals(c.getType(), next.getType())) {
                if (!placed) {
                    out.add(transition(c, next));
                    placed = true;
                }
            } else {
                out.add(c);
            }
        }
        if (!placed) {
            out.add(transition(null, next));
        }
        return out;
    }

    /** A condition without its transition time; {@link #with} sets that. */
    public Condition condition(String type, String status, String reason, String message, Long generation) {
        return new ConditionBuilder().withType(type).withStatus(status).withReason(reason).withMessage(message)
                .withObservedGeneration(generation).build();
    }

    /** The Valid condition for the problems found: True with {@code validMessage}, or False with the first problems. */
    public Condition valid(List<Problem> problems, String validMessage, Long generation) {
        if (problems.isEmpty()) {
            return condition(VALID, TRUE, REASON_VALID, validMessage, generation);
        }
        return condition(VALID, FALSE, problems.get(0).reason(), message(problems), generation);
    }

    /** {@code path: message; path: message; and 3 more problems}. */
    public static String message(List<Problem> problems) {
        String listed = problems.stream().limit(LISTED_PROBLEMS).map(Problem::toString).collect(Collectors.joining("; "));
        int more = problems.size() - LISTED_PROBLEMS;
        return more > 0 ? listed + "; and " + more + " more problem" + (more == 1 ? "" : "s") : listed;
    }

    public static Optional<Condition> find(List<Condition> conditions, String type) {
        return conditions == null ? Optional.empty() : conditions.stream().filter(c -> type.equals(c.getType())).findFirst();
    }

    /** True when the condition of the type is True and describes the given generation. */
    public static boolean isTrueAt(List<Condition> conditions, String type, Long generation) {
        return find(conditions, type).filter(c -> TRUE.equals(c.getStatus()))
                .filter(c -> Objects.equals(c.getObservedGeneration(), generation)).isPresent();
    }

    private Condition transition(Condition previous, Condition next) {
        String time = previous != null && Objects.equals(previous.getStatus(), next.getStatus()) && previous.getLastTransitionTime() != null
                ? previous.getLastTransitionTime()
                : DateTimeFormatter.ISO_INSTANT.format(Instant.now(clock).truncatedTo(ChronoUnit.SECONDS));
        return new ConditionBuilder(next).withLastTransitionTime(time).build();
    }
}
