package dev.itf.http;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Ends exchanges that run past their deadline by closing their connection, so that a plain connection reads and
 * writes in blocking mode without a socket timeout: the JDK serves a read with a timeout by switching the socket to
 * non-blocking mode and back, and polling, four system calls more per read than a plain blocking read.
 *
 * <p>One daemon thread per process looks at the exchanges in flight every {@link #TICK_NANOS}; an exchange ends at most
 * that long after its deadline. Watching costs an entry in a set. After a second with nothing to watch the thread
 * sleeps until the next exchange wakes it.
 */
final class Deadlines {

    static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
    private static final int IDLE_TICKS = 100;

    private static final Set<Watch> WATCHED = ConcurrentHashMap.newKeySet();
    private static volatile Thread sweeper;
    private static volatile boolean sleeping;

    private Deadlines() {
    }

    /** Watches the connection's exchange until the returned watch is closed. */
    static Watch watch(Connection connection, long deadline) {
        Watch w = new Watch(connection, deadline);
        WATCHED.add(w);
        Thread t = sweeper;
        if (t == null) {
            start();
        } else if (sleeping) {
            sleeping = false;
            LockSupport.unpark(t);
        }
        return w;
    }

    private static synchronized void start() {
        if (sweeper == null) {
            Thread t = new Thread(Deadlines::sweep, "itf-http-deadlines");
            t.setDaemon(true);
            sweeper = t;
            t.start();
        }
    }

    private static void sweep() {
        int idle = 0;
        while (true) {
            if (idle >= IDLE_TICKS) {
                sleeping = true;
                if (WATCHED.isEmpty()) {
                    // woken by the next watch; a second at most, whatever happens
                    LockSupport.parkNanos(Deadlines.class, TimeUnit.SECONDS.toNanos(1));
                }
                sleeping = false;
                idle = 0;
            } else {
                LockSupport.parkNanos(Deadlines.class, TICK_NANOS);
            }
            if (WATCHED.isEmpty()) {
                idle++;
                continue;
            }
            idle = 0;
            long now = System.nanoTime();
            for (Watch w : WATCHED) {
                if (now - w.deadline >= 0) {
                    w.expire();
                }
            }
        }
    }

    static final class Watch implements AutoCloseable {
        private final Connection connection;
        private final long deadline;
        private boolean expired;
        private boolean done;

        private Watch(Connection connection, long deadline) {
            this.connection = connection;
            this.deadline = deadline;
        }

        private synchronized void expire() {
            WATCHED.remove(this);
            if (!done) {
                expired = true;
                connection.close();
            }
        }

        /** Whether the deadline passed and the connection was closed for it. */
        synchronized boolean expired() {
            return expired;
        }

        /** The exchange is over: a deadline passing from now on leaves the connection alone. */
        @Override
        public void close() {
            WATCHED.remove(this);
            synchronized (this) {
                done = true;
            }
        }
    }
}
