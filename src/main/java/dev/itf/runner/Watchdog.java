package dev.itf.runner;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Interrupts a step that runs past its budget. Steps run on their case's own thread (no hand-off per step); one
 * watchdog thread per run looks at the steps being watched a few times a second. Watching a step costs an entry in
 * a set, not a scheduled task: nothing is queued, nothing wakes the watchdog, and a finished step leaves no trace.
 */
final class Watchdog implements AutoCloseable {

    /** How often the watchdog looks: a step is interrupted at most this long after its budget ran out. */
    private static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    private final Set<Guard> watched = ConcurrentHashMap.newKeySet();
    private final Thread thread;
    private volatile boolean closed;

    Watchdog() {
        thread = new Thread(this::watch, "itf-watchdog");
        thread.setDaemon(true);
        thread.start();
    }

    /** Starts watching the calling thread; close the guard when the step is done, whatever happened. */
    Guard watch(Duration budget) {
        Guard g = new Guard(Thread.currentThread(), System.nanoTime() + budget.toNanos());
        watched.add(g);
        return g;
    }

    private void watch() {
        while (!closed) {
            LockSupport.parkNanos(this, TICK_NANOS);
            long now = System.nanoTime();
            for (Guard g : watched) {
                if (now - g.deadline >= 0) {
                    g.fire();
                }
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        LockSupport.unpark(thread);
    }

    final class Guard implements AutoCloseable {
        private final Thread thread;
        private final long deadline;
        private boolean done;
        private boolean fired;

        private Guard(Thread thread, long deadline) {
            this.thread = thread;
            this.deadline = deadline;
        }

        private synchronized void fire() {
            watched.remove(this);
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
            watched.remove(this);
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
