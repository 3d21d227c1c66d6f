package dev.itf.runner.events;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import dev.itf.api.ExpectMessageAction;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RabbitStepsTest extends BrokerStepsContract {

    static final String URI = "amqp://guest:guest@127.0.0.1:5672";

    @Override
    String uri() {
        return URI;
    }

    @Override
    String unreachableUri(int port) {
        return "amqp://guest:s3cret@127.0.0.1:" + port;
    }

    @Override
    String newDestination(String unique) {
        return "amq.topic/itf.test." + unique;
    }

    @Test
    void bindingPatternSeesEveryMatchingRoutingKey() throws Exception {
        String base = destination.substring(destination.indexOf('/') + 1);
        ExpectMessageStep expect = new ExpectMessageStep(yaml(ExpectMessageAction.class,
                "{component: events, destination: 'amq.topic/" + base + ".*', count: 2, within: 5s}"));
        destination = "amq.topic/" + base + ".created";
        PublishStep created = publish("{e: created}");
        destination = "amq.topic/" + base + ".shipped";
        runCase(created, publish("{e: shipped}"), expect);
    }

    @Test
    void queueNameAlonePublishesThroughTheDefaultExchangeAndConsumesThatQueue() throws Exception {
        String queue = "itf-test-" + UUID.randomUUID();
        ConnectionFactory f = new ConnectionFactory();
        f.setUri(URI);
        try (Connection c = f.newConnection(); Channel ch = c.createChannel()) {
            ch.queueDeclare(queue, false, false, true, null);
            destination = queue;
            var r = runCase(publish("{id: q1}", "{kind: order}"), expect("match: [{path: $.id, equals: q1}], headers: {kind: order}, within: 5s"));
            assertThat(r.get(1).body()).isEqualTo("{\"id\":\"q1\"}");
            ch.queueDelete(queue);
        }
    }

    @Test
    void publishingToAMissingQueueSaysSo() {
        destination = "itf-missing-" + UUID.randomUUID();
        assertThatThrownBy(() -> runCase(publish("{id: 1}")))
                .hasMessageContaining("queue '" + destination + "' does not exist")
                .hasMessageContaining("127.0.0.1:5672");
    }

    @Test
    void aQueueThatRefusesEveryMessageFailsThePublishAfterRetryingTheNack() throws Exception {
        String queue = "itf-full-" + UUID.randomUUID();
        ConnectionFactory f = new ConnectionFactory();
        f.setUri(URI);
        try (Connection c = f.newConnection(); Channel ch = c.createChannel()) {
            // a queue that holds nothing and rejects what does not fit: the broker nacks every publish to it
            ch.queueDeclare(queue, false, false, true, java.util.Map.of("x-max-length", 0, "x-overflow", "reject-publish"));
            destination = queue;
            assertThatThrownBy(() -> runCase(publish("{id: 1}")))
                    .hasMessageContaining("RabbitMQ at 127.0.0.1:5672 refused the message (nack) 3 times");
            ch.queueDelete(queue);
        }
    }

    @Test
    void aTrailingSlashNamesTheEmptyVhostAndTheErrorGivesTheFix() throws Exception {
        assertThatThrownBy(() -> Brokers.connect(dev.itf.runner.Endpoint.parse(URI + "/"), java.time.Duration.ofSeconds(10)).close())
                .hasMessageContaining("amqp://127.0.0.1:5672/ names the empty virtual host \"\"")
                .hasMessageContaining("write amqp://127.0.0.1:5672 or amqp://127.0.0.1:5672/%2F")
                .hasMessageNotContaining("guest:guest");
        Brokers.connect(dev.itf.runner.Endpoint.parse(URI + "/%2F"), java.time.Duration.ofSeconds(10)).close();
        assertThat(AmqpVhost.emptyVhostAdvice(URI)).isEmpty();
        assertThat(AmqpVhost.emptyVhostAdvice(URI + "/%2F")).isEmpty();
        assertThat(AmqpVhost.emptyVhostAdvice(URI + "/?heartbeat=5")).isPresent();
        assertThat(AmqpVhost.emptyVhostAdvice("kafka://h:9092/")).isEmpty();
    }
}
