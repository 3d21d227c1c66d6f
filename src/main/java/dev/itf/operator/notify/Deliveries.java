package dev.itf.operator.notify;

import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * Delivers notifications in the background, off the reconcilers: each attempt is a task, and a failure worth another
 * try schedules the next one after a backoff that doubles, up to a number of attempts. A waiting retry holds no thread,
 * so a receiver that is down never holds up the others.
 */
public final class Deliveries implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(Deliveries.class);

    private final ScheduledExecutorService timer;
    private final int attempts;
    private final Duration firstBackoff;

    /** @param attempts how many attempts at most (1 = no retry) */
    public Deliveries(int attempts, Duration firstBackoff) {
        this.attempts = Math.max(1, attempts);
        this.firstBackoff = firstBackoff;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "itf-notify");
            t.setDaemon(true);
            return t;
        });
    }

    /** Runs a task on the delivery thread (work that may wait on the network before deliveries exist). */
    public void execute(Runnable task) {
        timer.execute(task);
    }

    /**
     * Delivers in the background.
     *
     * @param gaveUp told once when the delivery failed for good: the last failure and the attempts made
     */
    public void submit(Delivery delivery, BiConsumer<DeliveryFailure, Integer> gaveUp) {
        timer.execute(() -> attempt(delivery, 1, firstBackoff, gaveUp));
    }

    private void attempt(Delivery delivery, int attempt, Duration backoff, BiConsumer<DeliveryFailure, Integer> gaveUp) {
        try {
            delivery.attempt();
            if (attempt > 1) {
                LOG.infof("%s delivered at attempt %d", delivery.target(), attempt);
            }
        } catch (DeliveryFailure e) {
            if (e.retryable() && attempt < attempts) {
                LOG.infof("%s: attempt %d failed (%s); trying again in %d ms", delivery.target(), attempt, e.getMessage(), backoff.toMillis());
                timer.schedule(() -> attempt(delivery, attempt + 1, backoff.multipliedBy(2), gaveUp), backoff.toMillis(), TimeUnit.MILLISECONDS);
            } else {
                gaveUp.accept(e, attempt);
            }
        } catch (RuntimeException e) {
            gaveUp.accept(new DeliveryFailure(e.getClass().getSimpleName() + ": " + e.getMessage(), false), attempt);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
