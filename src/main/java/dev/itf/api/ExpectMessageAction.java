package dev.itf.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class ExpectMessageAction {
    @JsonPropertyDescription("The queue component of the environment to listen on; or give uri.")
    public String component;

    @JsonPropertyDescription("Broker URI instead of a component.")
    public String uri;

    @Required
    @JsonPropertyDescription("RabbitMQ: exchange/bindingPattern or a queue name; Kafka: topic; NATS: subject (wildcards allowed); MQTT: topic filter.")
    public String destination;

    @JsonPropertyDescription("Expectations that must all hold for a message to count.")
    public List<JsonPathExpectation> match = new ArrayList<>();

    @JsonPropertyDescription("Headers a message must carry to count.")
    public Map<String, String> headers = new LinkedHashMap<>();

    @Min(1)
    @JsonPropertyDescription("At least this many matching messages (default 1).")
    public Integer count;

    @JsonPropertyDescription("Instead of match and count: messages that must arrive in this order, others may come between.")
    public List<List<JsonPathExpectation>> sequence;

    @Required
    @Pattern(Itf.DURATION_PATTERN)
    @JsonPropertyDescription("Deadline measured from the step's start, e.g. 5s.")
    public String within;

    @JsonPropertyDescription("When true, the step passes only if no matching message arrives within the deadline.")
    public Boolean absent;
}
