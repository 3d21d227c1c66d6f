package dev.itf.http;

import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.TimeUnit;

/**
 * Idle keep-alive connections per origin and TLS setting, most recently used first, so parallel cases each keep one
 * warm connection. Thread-safe; {@link #close()} closes the idle ones and every one given back later.
 */
public final class ConnectionPool implements AutoCloseable {

    /** Idle longer than this, a connection is likely closed by the server already: it is dropped instead of reused. */
    private static final long MAX_IDLE_NANOS = TimeUnit.SECONDS.toNanos(30);
    private static final int MAX_IDLE_PER_ORIGIN = 64;

    private record Key(Origin origin, Object tls) {
        // written out, as Origin's: generated ones go through method handles
        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && origin.equals(k.origin) && tls == k.tls;
        }

        @Override
        public int hashCode() {
            return origin.hashCode() * 31 + (tls == null ? 0 : tls.hashCode());
        }
    }

    private final Map<Key, Deque<Connection>> idle = new ConcurrentHashMap<>();
    private volatile boolean closed;

    /** An idle connection to the origin, or null. */
    Connection take(Origin origin, Tls tls) {
        Deque<Connection> q = idle.get(new Key(origin, origin.tls() ? tls : null));
        if (q == null) {
            return null;
        }
        long now = System.nanoTime();
        Connection c;
        while ((c = q.pollFirst()) != null) {
            if (now - c.idleSince < MAX_IDLE_NANOS && c.isOpen()) {
                return c;
            }
            c.close();
        }
        return null;
    }

    /** Gives back a connection whose exchange completed and left it reusable. */
    void release(Connection c) {
        if (closed) {
            c.close();
            return;
        }
        c.idleSince = System.nanoTime();
        Deque<Connection> q = idle.computeIfAbsent(new Key(c.origin, c.tlsSetting), k -> new ConcurrentLinkedDeque<>());
        q.offerFirst(c);
        if (q.size() > MAX_IDLE_PER_ORIGIN) {
            Connection oldest = q.pollLast();
            if (oldest != null) {
                oldest.close();
            }
        }
        if (closed) {
            closeIdle();
        }
    }

    /** How many idle connections the pool holds, for tests that check connections are reused and closed. */
    public int idle() {
        return idle.values().stream().mapToInt(Deque::size).sum();
    }

    @Override
    public void close() {
        closed = true;
        closeIdle();
    }

    private void closeIdle() {
        for (Deque<Connection> q : idle.values()) {
            Connection c;
            while ((c = q.pollFirst()) != null) {
                c.close();
            }
        }
    }
}
