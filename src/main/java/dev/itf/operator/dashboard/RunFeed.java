package dev.itf.operator.dashboard;

import dev.itf.operator.results.CachedRuns;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs for the dashboard, from the TestRun controller's informer cache (no API request per page or event), and the
 * changes to them for live pages: one thread compares the cache with what it saw last every
 * {@code itf.dashboard.poll-interval} while anybody listens, and tells every listener about each run that appeared,
 * changed or went away.
 */
@ApplicationScoped
public class RunFeed {
    private static final Logger LOG = Logger.getLogger(RunFeed.class);

    /** A run that appeared or changed (row set), or went away (row null); listeners also get null now and then, a heartbeat. */
    public record Change(String key, RunRow row) {
    }

    private final CachedRuns runs;
    private final Clock clock;
    private final Duration interval;
    private final List<Consumer<Change>> listeners = new CopyOnWriteArrayList<>();
    private final Map<String, String> seen = new HashMap<>();
    private static final Duration HEARTBEAT = Duration.ofSeconds(15);
    private long ticks;
    private ScheduledExecutorService timer;
    private ScheduledFuture<?> polling;

    public RunFeed(CachedRuns runs, Clock clock,
                   @ConfigProperty(name = "itf.dashboard.poll-interval", defaultValue = "1s") Duration interval) {
        this.runs = runs;
        this.clock = clock;
        this.interval = interval;
    }

    /** Every run the operator knows, newest first. */
    public List<RunRow> rows() {
        var now = clock.instant();
        return runs.all().stream().map(r -> RunRow.of(r, now))
                .sorted(Comparator.comparing(RunRow::startTime, Comparator.reverseOrder()).thenComparing(RunRow::key))
                .toList();
    }

    /** Starts telling the listener about changes; close the result to stop. */
    public synchronized AutoCloseable listen(Consumer<Change> listener) {
        if (listeners.isEmpty()) {
            seen.clear();
            rows().forEach(r -> seen.put(r.key(), r.version()));
            timer = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "itf-dashboard-feed");
                t.setDaemon(true);
                return t;
            });
            polling = timer.scheduleWithFixedDelay(this::poll, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        }
        listeners.add(listener);
        return () -> stopListening(listener);
    }

    private synchronized void stopListening(Consumer<Change> listener) {
        listeners.remove(listener);
        if (listeners.isEmpty() && timer != null) {
            polling.cancel(false);
            timer.shutdownNow();
            timer = null;
        }
    }

    /** How many listen now (for tests and the dashboard's own health). */
    public int listeners() {
        return listeners.size();
    }

    void poll() {
        try {
            List<Change> changes = new java.util.ArrayList<>();
            synchronized (this) {
                Map<String, String> now = new HashMap<>();
                for (RunRow r : rows()) {
                    now.put(r.key(), r.version());
                    if (!r.version().equals(seen.get(r.key()))) {
                        changes.add(new Change(r.key(), r));
                    }
                }
                for (String gone : seen.keySet()) {
                    if (!now.containsKey(gone)) {
                        changes.add(new Change(gone, null));
                    }
                }
                seen.clear();
                seen.putAll(now);
            }
            for (Change c : changes) {
                for (Consumer<Change> l : listeners) {
                    l.accept(c);
                }
            }
            // a heartbeat (null) keeps idle connections open through proxies and finds listeners that have gone
            if (++ticks % Math.max(1, HEARTBEAT.toMillis() / Math.max(1, interval.toMillis())) == 0) {
                for (Consumer<Change> l : listeners) {
                    l.accept(null);
                }
            }
        } catch (RuntimeException e) {
            LOG.warnf("dashboard: reading the run cache failed: %s", e.toString());
        }
    }

    void stop(@Observes ShutdownEvent event) {
        synchronized (this) {
            listeners.clear();
            if (timer != null) {
                timer.shutdownNow();
            }
        }
    }
}
