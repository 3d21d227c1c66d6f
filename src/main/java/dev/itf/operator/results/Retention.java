package dev.itf.operator.results;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Removes old data from the result store: finished runs older than results.retention, and beyond the newest
 * results.keepRuns of each suite (per namespace), with their case results. Runs at start-up and then every
 * itf.results.retention-interval; a store that is down is tried again at the next sweep.
 */
@ApplicationScoped
public class Retention {
    private static final Logger LOG = Logger.getLogger(Retention.class);

    private final ResultStore store;
    private final Clock clock;
    private final Duration interval;
    private final Optional<Duration> maxAge;
    private final int keepRuns;
    private ScheduledExecutorService timer;

    @Inject
    public Retention(ResultStore store, Clock clock,
                     @ConfigProperty(name = "itf.results.retention-interval", defaultValue = "1h") String interval) {
        this(store, clock, dev.itf.operator.run.DurationText.parse(interval, Duration.ofHours(1)), SETTINGS.get().retention(),
                SETTINGS.get().keepRuns());
    }

    public Retention(ResultStore store, Clock clock, Duration interval, Optional<Duration> maxAge, int keepRuns) {
        this.store = store;
        this.clock = clock;
        this.interval = interval;
        this.maxAge = maxAge;
        this.keepRuns = keepRuns;
    }

    /** results.retention and results.keepRuns as configured (checked at start-up with the store). */
    private static final java.util.function.Supplier<ResultStoreSettings> SETTINGS =
            () -> new ResultStoreSettings(name -> ConfigProvider.getConfig().getOptionalValue(name, String.class));

    /** The finished runs to remove: older than maxAge, or beyond the newest keepRuns of their suite (0 keeps all). */
    public static List<FinishedRun> expired(List<FinishedRun> history, Optional<Duration> maxAge, int keepRuns, Instant now) {
        List<FinishedRun> out = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        List<FinishedRun> newestFirst = new ArrayList<>(history);
        newestFirst.sort(FinishedRun.NEWEST_FIRST);
        for (FinishedRun run : newestFirst) {
            int rank = seen.merge(run.namespace() + "/" + run.suite(), 1, Integer::sum);
            boolean tooOld = maxAge.isPresent() && run.finishedAt().isBefore(now.minus(maxAge.get()));
            if (tooOld || (keepRuns > 0 && rank > keepRuns)) {
                out.add(run);
            }
        }
        return out;
    }

    /** @return the runs removed */
    public List<FinishedRun> sweep() throws IOException {
        if (maxAge.isEmpty() && keepRuns == 0) {
            return List.of();
        }
        List<FinishedRun> expired = expired(store.history(), maxAge, keepRuns, clock.instant());
        for (FinishedRun run : expired) {
            store.forget(run.key());
        }
        if (!expired.isEmpty()) {
            LOG.infof("retention removed %d finished run(s) from %s", expired.size(), store.describe());
        }
        return expired;
    }

    void start(@Observes StartupEvent event) {
        if (maxAge.isEmpty() && keepRuns == 0) {
            return;
        }
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "itf-retention");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(() -> {
            try {
                sweep();
            } catch (IOException | RuntimeException e) {
                LOG.warnf("retention could not sweep %s, trying again in %s: %s", store.describe(), interval, e.getMessage());
            }
        }, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent event) {
        if (timer != null) {
            timer.shutdownNow();
        }
    }
}
