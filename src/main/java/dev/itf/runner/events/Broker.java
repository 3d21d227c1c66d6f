package dev.itf.runner.events;

import java.time.Duration;

/**
 * One connection to a message broker, shared by every step of a run that names the same URI. Implementations are
 * thread-safe; {@link #close} also closes the subscriptions still open.
 */
public interface Broker extends AutoCloseable {

    /** Publishes and waits until the broker accepted the message (or the protocol has no acknowledgement). */
    void publish(OutgoingMessage message, Duration timeout) throws Exception;

    /** Starts collecting messages on a destination; only messages that arrive from now on are seen. */
    Subscription subscribe(String destination, Duration timeout) throws Exception;

    @Override
    void close();
}
