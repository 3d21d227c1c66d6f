package dev.itf.runner;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Interrupts a step that runs past its budget. Steps run on their case's own thread (no hand-off per step, which
 * costs more than a local request on a busy machine); one timer thread per run watches them all.
 */
final class Watchdog implements AutoCloseable {

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "itf-watchdog");
        t.setDaemon(true);
        return t;
    });

    /** Starts watching the calling thread; close the guard when the step is done, whatever happened. */
    Guard watch(Duration budget) {
        return new Guard(Thread.currentThread(), budget);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }

    final class Guard implements AutoCloseable {
        private final Thread thread;
        private final ScheduledFuture<?> alarm;
        private boolean done;
        private boolean fired;

        private Guard(Thread thread, Duration budget) {
            this.thread = thread;
            this.alarm = timer.schedule(this::fire, budget.toNanos(), TimeUnit.NANOSECONDS);
        }

        private synchronized void fire() {
            if (!done) {
                fired = true;
                thread.interrupt();
            }
        }

        /** Whether the budget ran out before the step finished. */
        synchronized boolean fired() {
            return fired;
        }

        @Override
        public void close() {
            alarm.cancel(false);
            synchronized (this) {
                done = true;
                if (fired) {
                    // the interrupt was ours, not a request to stop the run: the case thread carries on
                    Thread.interrupted();
                }
            }
        }
    }
}
