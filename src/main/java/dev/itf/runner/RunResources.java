package dev.itf.runner;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/** Clients kept for the whole run (one per broker or database address), closed once when the run ends. */
public final class RunResources implements AutoCloseable {

    private final Map<String, AutoCloseable> shared = new LinkedHashMap<>();
    /** The same clients for lookups without the lock: every step of every case asks for its client. */
    private final Map<String, AutoCloseable> created = new ConcurrentHashMap<>();
    private volatile boolean closed;

    /** The client registered under key, created on first use. Thread-safe. */
    @SuppressWarnings("unchecked")
    public <T extends AutoCloseable> T shared(String key, Supplier<T> create) {
        AutoCloseable existing = created.get(key);
        if (existing != null && !closed) {
            return (T) existing;
        }
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("the run's resources are closed");
            }
            existing = shared.get(key);
            if (existing == null) {
                existing = create.get();
                shared.put(key, existing);
                created.put(key, existing);
            }
            return (T) existing;
        }
    }

    /** How many clients are open, for tests that check nothing leaks. */
    public synchronized int open() {
        return shared.size();
    }

    @Override
    public synchronized void close() {
        closed = true;
        created.clear();
        List<AutoCloseable> all = new ArrayList<>(shared.values());
        Collections.reverse(all);
        shared.clear();
        for (AutoCloseable c : all) {
            try {
                c.close();
            } catch (Exception ignored) {
                // closing is best effort: one client failing to close must not keep the others open
            }
        }
    }
}
