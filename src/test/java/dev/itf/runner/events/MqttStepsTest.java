package dev.itf.runner.events;

import dev.itf.api.ExpectMessageAction;
import dev.itf.api.PublishAction;
import org.junit.jupiter.api.Test;

class MqttStepsTest extends BrokerStepsContract {

    @Override
    String uri() {
        return "mqtt://127.0.0.1:1883";
    }

    @Override
    String unreachableUri(int port) {
        return "mqtt://itf:s3cret@127.0.0.1:" + port;
    }

    @Override
    String newDestination(String unique) {
        return "itf/test/" + unique;
    }

    @Test
    void topicFiltersWithPlusAndHash() throws Exception {
        String base = destination;
        ExpectMessageStep plus = new ExpectMessageStep(yaml(ExpectMessageAction.class,
                "{component: events, destination: '" + base + "/+/created', count: 1, within: 5s, match: [{path: $.e, equals: 1}]}"));
        ExpectMessageStep hash = new ExpectMessageStep(yaml(ExpectMessageAction.class,
                "{component: events, destination: '" + base + "/#', count: 2, within: 5s}"));
        destination = base + "/orders/created";
        PublishStep one = publish("{e: 1}");
        destination = base + "/payments/done/late";
        runCase(one, publish("{e: 2}"), plus, hash);
    }

    @Test
    void qosZeroAndTwoAreDelivered() throws Exception {
        PublishStep q0 = new PublishStep(yaml(PublishAction.class, "{component: events, destination: '" + destination + "', qos: 0, body: {q: 0}}"));
        PublishStep q2 = new PublishStep(yaml(PublishAction.class, "{component: events, destination: '" + destination + "', qos: 2, body: {q: 2}}"));
        runCase(q0, q2, expect("sequence: [[{path: $.q, equals: 0}], [{path: $.q, equals: 2}]], within: 5s"));
    }

    @Test
    void retainedMessagesFromBeforeTheCaseDoNotCount() throws Exception {
        PublishStep retained = publish("{id: retained}");
        org.eclipse.paho.mqttv5.client.MqttClient c = new org.eclipse.paho.mqttv5.client.MqttClient("tcp://127.0.0.1:1883",
                "itf-test-" + java.util.UUID.randomUUID(), new org.eclipse.paho.mqttv5.client.persist.MemoryPersistence());
        c.connect();
        try {
            c.publish(destination, "{\"id\":\"retained\"}".getBytes(), 1, true);
            runCase(expect("match: [{path: $.id, equals: retained}], absent: true, within: 700ms"));
            runCase(retained, expect("match: [{path: $.id, equals: retained}], within: 5s"));
        } finally {
            c.publish(destination, new byte[0], 1, true);
            c.disconnect();
            c.close();
        }
    }
}
