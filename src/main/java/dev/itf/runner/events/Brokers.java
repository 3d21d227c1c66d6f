package dev.itf.runner.events;

import dev.itf.runner.Endpoint;
import dev.itf.runner.StepContext;

import java.time.Duration;
import java.util.List;

/** Picks the broker client from an endpoint's scheme and keeps one connection per URI for the whole run. */
public final class Brokers {

    /** The URI schemes publish and expectMessage accept. */
    public static final List<String> SCHEMES = List.of("amqp", "amqps", "kafka", "nats", "mqtt", "mqtts");

    private Brokers() {
    }

    /** The run's connection to the endpoint, opened within the step's timeout on first use. */
    public static Broker of(StepContext ctx, Endpoint endpoint) {
        Duration timeout = ctx.timeout();
        return ctx.resources().shared("broker " + endpoint.uri(), () -> {
            try {
                return connect(endpoint, timeout);
            } catch (Exception e) {
                throw new IllegalStateException(endpoint.failure("cannot connect to " + name(endpoint), e, ctx.redactor()), e);
            }
        });
    }

    /** The product name for messages, e.g. {@code RabbitMQ}. */
    public static String name(Endpoint endpoint) {
        return switch (endpoint.scheme()) {
            case "amqp", "amqps" -> "RabbitMQ";
            case "kafka" -> "Kafka";
            case "nats" -> "NATS";
            default -> "MQTT";
        };
    }

    /** Opens a connection of its own, outside any run; the caller closes it. */
    public static Broker connect(Endpoint endpoint, Duration timeout) throws Exception {
        return switch (endpoint.scheme()) {
            case "amqp", "amqps" -> new RabbitBroker(endpoint, timeout);
            case "kafka" -> new KafkaBroker(endpoint, timeout);
            case "nats" -> new NatsBroker(endpoint, timeout);
            default -> new MqttBroker(endpoint, timeout);
        };
    }
}
