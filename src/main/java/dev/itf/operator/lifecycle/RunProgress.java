package dev.itf.operator.lifecycle;

import dev.itf.api.RunPhase;
import dev.itf.api.TestRunStatus;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * When each active run last made progress: changed phase or got a new case result. The longest wait among them is
 * the gauge itf_testruns_max_idle_seconds, which the alert ItfRunsStuck watches.
 */
final class RunProgress {
    private record Seen(String state, Instant since) {
    }

    private final Clock clock;
    private final Map<String, Seen> runs = new ConcurrentHashMap<>();

    RunProgress(Clock clock) {
        this.clock = clock;
    }

    void observe(String uid, RunPhase phase, TestRunStatus.Summary counts) {
        String state = phase + (counts == null ? "" : "/" + counts.total + "/" + counts.passed + "/" + counts.failed + "/"
                + counts.errored + "/" + counts.skipped);
        runs.compute(uid, (k, old) -> old != null && old.state().equals(state) ? old : new Seen(state, clock.instant()));
    }

    void forget(String uid) {
        runs.remove(uid);
    }

    double longestIdleSeconds() {
        Instant now = clock.instant();
        return runs.values().stream().mapToDouble(s -> Duration.between(s.since(), now).toMillis() / 1000.0).max().orElse(0);
    }
}
