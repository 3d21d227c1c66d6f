package dev.itf.runner.events;

import dev.itf.api.PublishAction;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class KafkaStepsTest extends BrokerStepsContract {

    static KafkaClusterTestKit kafka;

    @BeforeAll
    static void startKafka() throws Exception {
        kafka = InJvmKafka.start();
    }

    @AfterAll
    static void stopKafka() throws Exception {
        kafka.close();
    }

    @Override
    String uri() {
        return "kafka://" + kafka.bootstrapServers();
    }

    @Override
    String unreachableUri(int port) {
        return "kafka://itf:s3cret@127.0.0.1:" + port;
    }

    @Override
    String newDestination(String unique) {
        String topic = "itf-test-" + unique;
        try (var admin = kafka.admin()) {
            admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1))).all().get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return topic;
    }

    @Test
    void recordKeyIsSentAndSeenOnEveryPartition() throws Exception {
        PublishStep keyed = new PublishStep(yaml(PublishAction.class,
                "{component: events, destination: '" + destination + "', key: 'k-${orderId}', body: {id: '${orderId}'}}"));
        var r = runCase(keyed, publish("{id: other}"), expect("match: [{path: $.id, equals: '${orderId}'}], within: 5s"));
        assertThat(r.get(0).body()).contains(ctx.vars.get("orderId"));
        assertThat(r.get(2).json().get("id").asText()).isEqualTo(ctx.vars.get("orderId"));
    }

    @Test
    void aTopicCreatedByItsFirstPublishAfterCaseStartIsReadFromItsStart() throws Exception {
        destination = "itf-test-new-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        long start = System.nanoTime();
        runCase(publish("{id: first}"), expect("match: [{path: $.id, equals: first}], within: 10s"));
        assertThat(java.time.Duration.ofNanos(System.nanoTime() - start)).isLessThan(java.time.Duration.ofSeconds(10));
    }
}
