package dev.itf.runner.events;

import dev.itf.runner.ClientTimeout;
import dev.itf.runner.Endpoint;
import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.ErrorListener;
import io.nats.client.JetStreamOptions;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.impl.Headers;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * NATS: one connection per run and address. Publishing to a subject that a JetStream stream captures goes through
 * JetStream (so the publish waits for the stream to store it); any other subject is a core publish. Subscriptions
 * are core subscriptions (wildcards allowed), which also see what JetStream stores.
 */
final class NatsBroker implements Broker {

    private final Endpoint endpoint;
    private final Connection connection;
    private final Map<String, Boolean> inStream = new ConcurrentHashMap<>();

    NatsBroker(Endpoint endpoint, Duration connectTimeout) throws Exception {
        this.endpoint = endpoint;
        Duration connect = ClientTimeout.of(connectTimeout).duration();
        // the client refuses a write timeout that does not outlast the connect timeout; keep its default when longer
        Duration write = connect.plusSeconds(1).compareTo(Options.DEFAULT_SOCKET_WRITE_TIMEOUT) > 0
                ? connect.plusSeconds(1) : Options.DEFAULT_SOCKET_WRITE_TIMEOUT;
        Options.Builder options = new Options.Builder()
                .servers(endpoint.hosts().stream().map(h -> "nats://" + h).toArray(String[]::new))
                .connectionTimeout(connect)
                .socketWriteTimeout(write)
                .noReconnect()
                .connectionName("itf");
        if (endpoint.user() != null) {
            options.userInfo(endpoint.user(), endpoint.password() == null ? "" : endpoint.password());
        }
        // the client reports why a connect failed only to its error listener; keep it to name the cause
        AtomicReference<Exception> cause = new AtomicReference<>();
        options.errorListener(new ErrorListener() {
            @Override
            public void exceptionOccurred(Connection conn, Exception exp) {
                cause.set(exp);
            }
        });
        try {
            this.connection = Nats.connect(options.build());
        } catch (IOException e) {
            if (cause.get() != null && e.getCause() == null) {
                e.initCause(cause.get());
            }
            throw e;
        }
    }

    @Override
    public void publish(OutgoingMessage message, Duration stepTimeout) throws Exception {
        Duration timeout = ClientTimeout.of(stepTimeout).duration();
        Headers headers = new Headers();
        message.headers().forEach(headers::put);
        if (message.json()) {
            headers.put("Content-Type", "application/json");
        }
        String subject = message.destination();
        if (capturedByStream(subject, timeout)) {
            connection.jetStream(JetStreamOptions.builder().requestTimeout(timeout).build()).publish(subject, headers, message.body());
        } else {
            connection.publish(subject, headers, message.body());
            connection.flush(timeout);
        }
    }

    /** Asks JetStream which stream, if any, stores the subject; a server without JetStream has none. */
    private boolean capturedByStream(String subject, Duration timeout) {
        return inStream.computeIfAbsent(subject, s -> {
            try {
                List<String> streams = connection.jetStreamManagement(JetStreamOptions.builder().requestTimeout(timeout).build())
                        .getStreamNames(s);
                return !streams.isEmpty();
            } catch (Exception noJetStream) {
                return false;
            }
        });
    }

    @Override
    public Subscription subscribe(String subject, Duration stepTimeout) throws Exception {
        Duration timeout = ClientTimeout.of(stepTimeout).duration();
        Subscription[] self = new Subscription[1];
        Dispatcher dispatcher = connection.createDispatcher(msg -> {
            Map<String, String> headers = new LinkedHashMap<>();
            if (msg.hasHeaders()) {
                msg.getHeaders().entrySet().forEach(e -> headers.put(e.getKey(), String.join(",", e.getValue())));
            }
            byte[] data = msg.getData();
            self[0].add(new ReceivedMessage(data == null ? "" : new String(data, StandardCharsets.UTF_8), headers,
                    msg.getSubject(), Instant.now()));
        });
        self[0] = new Subscription(subject, () -> connection.closeDispatcher(dispatcher));
        dispatcher.subscribe(subject);
        // the server must know the subscription before the step returns, or an early message is missed
        connection.flush(timeout);
        return self[0];
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "NATS at " + endpoint.address();
    }
}
