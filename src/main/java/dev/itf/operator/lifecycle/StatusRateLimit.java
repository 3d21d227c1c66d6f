package dev.itf.operator.lifecycle;

import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** At most one status patch per run per interval for progress updates; phase changes are never held back. */
@ApplicationScoped
public class StatusRateLimit {
    static final Duration INTERVAL = Duration.ofSeconds(1);
    private final Map<String, Instant> last = new ConcurrentHashMap<>();

    /** @return Duration.ZERO when a patch may go now, else how long to wait */
    public Duration wait(String uid, Instant now) {
        Instant previous = last.get(uid);
        if (previous == null || !now.isBefore(previous.plus(INTERVAL))) {
            return Duration.ZERO;
        }
        return Duration.between(now, previous.plus(INTERVAL));
    }

    public void patched(String uid, Instant now) {
        last.put(uid, now);
    }

    public void forget(String uid) {
        last.remove(uid);
    }
}
