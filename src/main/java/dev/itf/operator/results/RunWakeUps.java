package dev.itf.operator.results;

import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Asks for a reconcile of a run when its results changed: at once, or, when one was asked for less than an interval
 * ago, once at the end of that interval. So a run's status follows its results about once a second however fast
 * they arrive, and the last change is never left waiting for the next resync.
 */
@ApplicationScoped
public class RunWakeUps {
    private final long intervalMillis;
    private final Map<String, Long> last = new HashMap<>();
    private final Set<String> pending = new HashSet<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "itf-run-wake-ups");
        t.setDaemon(true);
        return t;
    });
    private volatile Consumer<RunKey> target = run -> { };

    public RunWakeUps(@ConfigProperty(name = "itf.status.interval", defaultValue = "1s") Duration interval) {
        this.intervalMillis = interval.toMillis();
    }

    /** Where wake-ups go: the TestRun controller connects itself when it starts. */
    public void connect(Consumer<RunKey> target) {
        this.target = target;
    }

    public void wake(RunKey run) {
        long now = System.currentTimeMillis();
        long delay;
        synchronized (this) {
            Long previous = last.get(run.uid());
            if (previous == null || now - previous >= intervalMillis) {
                last.put(run.uid(), now);
                delay = 0;
            } else if (pending.add(run.uid())) {
                delay = previous + intervalMillis - now;
            } else {
                return;
            }
        }
        if (delay == 0) {
            target.accept(run);
            return;
        }
        timer.schedule(() -> {
            synchronized (this) {
                pending.remove(run.uid());
                last.put(run.uid(), System.currentTimeMillis());
            }
            target.accept(run);
        }, delay, TimeUnit.MILLISECONDS);
    }

    public synchronized void forget(String uid) {
        last.remove(uid);
    }

    void stop(@Observes ShutdownEvent event) {
        timer.shutdownNow();
    }
}
