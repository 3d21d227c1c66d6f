package dev.itf.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.crd.generator.annotation.PreserveUnknownFields;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;

import java.util.LinkedHashMap;
import java.util.Map;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class PublishAction {
    @JsonPropertyDescription("The queue component of the environment to publish to; or give uri.")
    public String component;

    @JsonPropertyDescription("Broker URI instead of a component: amqp://, kafka://, nats:// or mqtt://.")
    public String uri;

    @Required
    @JsonPropertyDescription("RabbitMQ: exchange/routingKey or a queue name; Kafka: topic; NATS: subject; MQTT: topic.")
    public String destination;

    @JsonPropertyDescription("Kafka record key.")
    public String key;

    @JsonPropertyDescription("Message headers (AMQP, Kafka, NATS) or MQTT 5 user properties.")
    public Map<String, String> headers = new LinkedHashMap<>();

    @PreserveUnknownFields
    @JsonPropertyDescription("Message body: an object or array is sent as JSON, a string as it is.")
    public JsonNode body;

    @Min(0)
    @Max(2)
    @JsonPropertyDescription("MQTT quality of service: 0, 1 or 2.")
    public Integer qos;
}
