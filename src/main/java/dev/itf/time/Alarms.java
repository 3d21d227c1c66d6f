package dev.itf.time;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Actions due at a deadline, for waits that have no cheap timeout of their own: a blocking socket read (closing the
 * socket ends it), a step on its case's thread (an interrupt ends it).
 *
 * <p>One daemon thread per process looks at the alarms set every {@link #TICK_NANOS}; an alarm rings at most that
 * long after its deadline. Setting one costs an entry in a set, not a scheduled task: nothing is queued, and an alarm
 * cancelled in time leaves no trace. After a second with no alarm set the thread sleeps until the next one is.
 */
public final class Alarms {

    public static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
    private static final int IDLE_TICKS = 100;

    private static final Set<Alarm> SET = ConcurrentHashMap.newKeySet();
    private static volatile Thread ringer;
    private static volatile boolean sleeping;

    private Alarms() {
    }

    /** Runs {@code action} once at {@code deadline} (a {@link System#nanoTime()} value) unless cancelled first. */
    public static Alarm set(long deadline, Runnable action) {
        Alarm a = new Alarm(deadline, action);
        SET.add(a);
        Thread t = ringer;
        if (t == null) {
            start();
        } else if (sleeping) {
            sleeping = false;
            LockSupport.unpark(t);
        }
        return a;
    }

    private static synchronized void start() {
        if (ringer == null) {
            Thread t = new Thread(Alarms::ring, "itf-alarms");
            t.setDaemon(true);
            ringer = t;
            t.start();
        }
    }

    private static void ring() {
        int idle = 0;
        while (true) {
            if (idle >= IDLE_TICKS) {
                sleeping = true;
                if (SET.isEmpty()) {
                    // woken by the next alarm set; a second at most, whatever happens
                    LockSupport.parkNanos(Alarms.class, TimeUnit.SECONDS.toNanos(1));
                }
                sleeping = false;
                idle = 0;
            } else {
                LockSupport.parkNanos(Alarms.class, TICK_NANOS);
            }
            if (SET.isEmpty()) {
                idle++;
                continue;
            }
            idle = 0;
            long now = System.nanoTime();
            for (Alarm a : SET) {
                if (now - a.deadline >= 0) {
                    a.ring();
                }
            }
        }
    }

    /** One alarm: it rings once, or not at all when cancelled before its deadline. */
    public static final class Alarm {
        private final long deadline;
        private final Runnable action;
        private boolean rang;
        private boolean cancelled;

        private Alarm(long deadline, Runnable action) {
            this.deadline = deadline;
            this.action = action;
        }

        private synchronized void ring() {
            SET.remove(this);
            if (!cancelled) {
                rang = true;
                try {
                    action.run();
                } catch (RuntimeException e) {
                    // reported as any uncaught failure is, but the ringer lives on: every other alarm depends on it
                    Thread t = Thread.currentThread();
                    t.getUncaughtExceptionHandler().uncaughtException(t, e);
                }
            }
        }

        /** Whether it rang; when it did, its action has run to the end. */
        public synchronized boolean rang() {
            return rang;
        }

        /** From now on it does not ring; returns whether it already rang (its action has then run to the end). */
        public boolean cancel() {
            SET.remove(this);
            synchronized (this) {
                cancelled = true;
                return rang;
            }
        }
    }
}
