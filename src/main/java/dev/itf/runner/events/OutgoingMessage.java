package dev.itf.runner.events;

import java.util.Map;

/**
 * A message to publish.
 *
 * @param destination RabbitMQ exchange/routingKey or queue; Kafka topic; NATS subject; MQTT topic
 * @param key         Kafka record key, or null
 * @param headers     headers or MQTT 5 user properties
 * @param body        the payload
 * @param json        whether the payload is JSON (sets a content type where the protocol has one)
 * @param qos         MQTT quality of service, or null for the default (1)
 */
public record OutgoingMessage(String destination, String key, Map<String, String> headers, byte[] body, boolean json, Integer qos) {
}
