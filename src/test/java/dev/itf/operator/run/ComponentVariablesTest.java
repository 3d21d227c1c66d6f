package dev.itf.operator.run;

import com.rabbitmq.client.ConnectionFactory;
import dev.itf.api.Component;
import dev.itf.api.ComponentType;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ComponentVariablesTest {

    @Test
    void theRabbitMqUriNamesTheDefaultVirtualHost() throws Exception {
        Component events = new Component();
        events.name = "events";
        events.type = ComponentType.QUEUE;
        events.engine = "rabbitmq";

        String uri = ComponentVariables.of(events).values().get("uri");

        assertThat(uri).isEqualTo("amqp://itf:$(ITF_COMPONENT_EVENTS_PASSWORD)@events:5672");
        ConnectionFactory factory = new ConnectionFactory();
        factory.setUri(uri.replace("$(ITF_COMPONENT_EVENTS_PASSWORD)", "secret"));
        assertThat(factory.getVirtualHost()).isEqualTo("/");
    }
}
