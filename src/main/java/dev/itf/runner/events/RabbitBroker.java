package dev.itf.runner.events;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import com.rabbitmq.client.ShutdownSignalException;
import dev.itf.runner.ClientTimeout;
import dev.itf.runner.Endpoint;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * RabbitMQ: one connection per run and address, a channel per publish and per subscription. A destination
 * {@code exchange/routingKey} publishes to that exchange; a name alone goes through the default exchange to that
 * queue. Subscribing to {@code exchange/bindingPattern} binds a private, exclusive, auto-delete queue.
 */
final class RabbitBroker implements Broker {

    private static final int PUBLISH_ATTEMPTS = 3;

    private final Endpoint endpoint;
    private final Connection connection;

    RabbitBroker(Endpoint endpoint, Duration connectTimeout) throws Exception {
        this.endpoint = endpoint;
        ConnectionFactory factory = new ConnectionFactory();
        factory.setUri(endpoint.uri());
        int ms = ClientTimeout.of(connectTimeout).millis();
        factory.setConnectionTimeout(ms);
        factory.setHandshakeTimeout(ms);
        factory.setShutdownTimeout(ms);
        factory.setAutomaticRecoveryEnabled(false);
        try {
            this.connection = factory.newConnection("itf");
        } catch (Exception e) {
            Optional<String> advice = AmqpVhost.emptyVhostAdvice(endpoint.uri());
            if (advice.isPresent()) {
                throw new IOException(advice.get(), e);
            }
            throw e;
        }
    }

    @Override
    public void publish(OutgoingMessage message, Duration timeout) throws Exception {
        String exchange = "";
        String routingKey = message.destination();
        int slash = routingKey.indexOf('/');
        if (slash >= 0) {
            exchange = routingKey.substring(0, slash);
            routingKey = routingKey.substring(slash + 1);
        }
        AMQP.BasicProperties props = new AMQP.BasicProperties.Builder()
                .headers(new LinkedHashMap<>(message.headers()))
                .contentType(message.json() ? "application/json" : "text/plain")
                .deliveryMode(2)
                .build();
        // A nack means the broker did not take the message (a bound queue went away while it was routed, say):
        // sending it again is the remedy RabbitMQ documents, so a nack is retried before it fails the step.
        long deadline = System.nanoTime() + ClientTimeout.of(timeout).duration().toNanos();
        for (int attempt = 1; ; attempt++) {
            try (Channel channel = connection.createChannel()) {
                channel.confirmSelect();
                // mandatory through the default exchange: a message for a missing queue comes back instead of
                // vanishing; an exchange without bindings is a normal event bus with no listener yet, not an error
                java.util.concurrent.atomic.AtomicBoolean returned = new java.util.concurrent.atomic.AtomicBoolean();
                channel.addReturnListener(r -> returned.set(true));
                channel.basicPublish(exchange, routingKey, exchange.isEmpty(), props, message.body());
                long left = Math.max(1, Duration.ofNanos(deadline - System.nanoTime()).toMillis());
                boolean acked = channel.waitForConfirms(ClientTimeout.of(Duration.ofMillis(left)).millis());
                if (returned.get()) {
                    throw new IllegalStateException("queue '" + routingKey + "' does not exist");
                }
                if (acked) {
                    return;
                }
            } catch (java.util.concurrent.TimeoutException e) {
                throw new IOException("RabbitMQ at " + endpoint.address() + " did not confirm the message within "
                        + timeout.toMillis() + " ms", e);
            }
            if (attempt >= PUBLISH_ATTEMPTS || System.nanoTime() > deadline) {
                throw new IOException("RabbitMQ at " + endpoint.address() + " refused the message (nack) "
                        + attempt + " times");
            }
            Thread.sleep(50L * attempt);
        }
    }

    @Override
    public Subscription subscribe(String destination, Duration timeout) throws Exception {
        Channel channel = connection.createChannel();
        try {
            String queue = destination;
            int slash = destination.indexOf('/');
            if (slash >= 0) {
                queue = channel.queueDeclare("", false, true, true, null).getQueue();
                channel.queueBind(queue, destination.substring(0, slash), destination.substring(slash + 1));
            }
            Subscription subscription = new Subscription(destination, () -> {
                if (channel.isOpen()) {
                    channel.close();
                }
            });
            channel.basicConsume(queue, true, new DefaultConsumer(channel) {
                @Override
                public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties props, byte[] body) {
                    Map<String, String> headers = new LinkedHashMap<>();
                    if (props.getHeaders() != null) {
                        props.getHeaders().forEach((k, v) -> headers.put(k, v == null ? null : v.toString()));
                    }
                    subscription.add(new ReceivedMessage(new String(body, StandardCharsets.UTF_8), headers,
                            envelope.getRoutingKey(), Instant.now()));
                }

                @Override
                public void handleShutdownSignal(String tag, ShutdownSignalException sig) {
                    if (!sig.isInitiatedByApplication()) {
                        subscription.fail("RabbitMQ at " + endpoint.address() + ": " + sig.getMessage());
                    }
                }
            });
            return subscription;
        } catch (Exception e) {
            if (channel.isOpen()) {
                channel.abort();
            }
            throw e;
        }
    }

    @Override
    public void close() {
        if (connection.isOpen()) {
            try {
                connection.close();
            } catch (Exception ignored) {
                // the connection is going away either way
            }
        }
    }
}
