package dev.itf.operator.results;

import java.time.Instant;
import java.util.Comparator;

/**
 * One finished run in the history a store keeps: what a suite's trend, a {@code Recovered} notification and retention
 * need, without the case results.
 */
public record FinishedRun(String namespace, String name, String uid, String suite, String phase, Instant finishedAt,
                          int total, int passed, int failed, int errored, int skipped, int flaky, long durationMs) {
    /** The order of {@link ResultStore#history()}: newest first, ties by uid so every store agrees. */
    public static final Comparator<FinishedRun> NEWEST_FIRST = Comparator.comparing(FinishedRun::finishedAt).reversed()
            .thenComparing(FinishedRun::uid);

    public RunKey key() {
        return new RunKey(namespace, name, uid);
    }

    /** Whether the run ended Failed or Error. */
    public boolean unsuccessful() {
        return "Failed".equals(phase) || "Error".equals(phase);
    }
}
