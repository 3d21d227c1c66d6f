package dev.itf.runner.events;

import com.fasterxml.jackson.databind.JsonNode;
import dev.itf.api.PublishAction;
import dev.itf.runner.Endpoint;
import dev.itf.runner.StepAction;
import dev.itf.runner.StepContext;
import dev.itf.runner.StepResponse;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The {@code publish} step: sends one message to a Kafka topic, RabbitMQ exchange or queue, NATS subject or MQTT topic. */
public final class PublishStep implements StepAction {

    private final PublishAction action;

    public PublishStep(PublishAction action) {
        this.action = action;
    }

    @Override
    public StepResponse execute(StepContext ctx) throws Exception {
        long start = System.nanoTime();
        Endpoint endpoint = Endpoint.resolve(ctx, "publish", action.component, action.uri, Brokers.SCHEMES);
        String destination = ctx.render(action.destination);
        Map<String, String> headers = new LinkedHashMap<>();
        action.headers.forEach((k, v) -> headers.put(k, ctx.render(v)));
        JsonNode body = action.body == null ? null : ctx.render(action.body);
        boolean json = body != null && !body.isTextual();
        String text = body == null ? "" : json ? body.toString() : body.asText();
        OutgoingMessage message = new OutgoingMessage(destination, action.key == null ? null : ctx.render(action.key), headers,
                text.getBytes(StandardCharsets.UTF_8), json, action.qos);
        Broker broker = Brokers.of(ctx, endpoint);
        try {
            broker.publish(message, ctx.timeout());
        } catch (Exception e) {
            throw new IllegalStateException(endpoint.failure("publish to '" + destination + "' on " + Brokers.name(endpoint), e, ctx.redactor()), e);
        }
        ctx.log("published " + text.length() + " characters to " + destination + " on " + Brokers.name(endpoint) + " at " + endpoint.address());
        Map<String, List<String>> sent = new LinkedHashMap<>();
        headers.forEach((k, v) -> sent.put(k, List.of(v)));
        return new StepResponse(null, sent, text, json ? body : null, Duration.ofNanos(System.nanoTime() - start));
    }
}
