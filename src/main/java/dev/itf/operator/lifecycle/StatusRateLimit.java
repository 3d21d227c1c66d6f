package dev.itf.operator.lifecycle;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** At most one status patch per run per interval for progress updates; phase changes are never held back. */
@ApplicationScoped
public class StatusRateLimit {
    private final Duration interval;
    private final Map<String, Instant> last = new ConcurrentHashMap<>();

    public StatusRateLimit(@ConfigProperty(name = "itf.status.interval", defaultValue = "1s") Duration interval) {
        this.interval = interval;
    }

    /** @return Duration.ZERO when a patch may go now, else how long to wait */
    public Duration wait(String uid, Instant now) {
        Instant previous = last.get(uid);
        if (previous == null || !now.isBefore(previous.plus(interval))) {
            return Duration.ZERO;
        }
        return Duration.between(now, previous.plus(interval));
    }

    public void patched(String uid, Instant now) {
        last.put(uid, now);
    }

    public void forget(String uid) {
        last.remove(uid);
    }
}
