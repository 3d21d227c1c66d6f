package dev.itf.runner.events;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Messages received on one destination from the moment the subscription opened. The broker's delivery thread
 * adds; the step reads snapshots and waits for more.
 */
public final class Subscription implements AutoCloseable {

    private final String destination;
    private final AutoCloseable release;
    private final List<ReceivedMessage> received = new ArrayList<>();
    private volatile String failure;
    private boolean closed;

    /**
     * @param release frees what the broker holds for this subscription (consumer, channel, queue binding)
     */
    public Subscription(String destination, AutoCloseable release) {
        this.destination = destination;
        this.release = release;
    }

    public String destination() {
        return destination;
    }

    /** Called by the broker for every message delivered. */
    public synchronized void add(ReceivedMessage message) {
        received.add(message);
        notifyAll();
    }

    /** Called by the broker when delivery stopped for good (the connection dropped). */
    public synchronized void fail(String cause) {
        failure = cause;
        notifyAll();
    }

    /** Why delivery stopped, or null while it runs. */
    public String failure() {
        return failure;
    }

    public synchronized List<ReceivedMessage> messages() {
        return List.copyOf(received);
    }

    /** Waits until more than {@code seen} messages arrived, delivery failed, or the time passed. */
    public synchronized void awaitMore(int seen, Duration max) throws InterruptedException {
        long end = System.nanoTime() + max.toNanos();
        while (received.size() <= seen && failure == null) {
            long left = end - System.nanoTime();
            if (left <= 0) {
                return;
            }
            wait(Math.max(1, left / 1_000_000));
        }
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        try {
            release.close();
        } catch (Exception ignored) {
            // the broker connection may already be gone; nothing is left to free then
        }
    }
}
