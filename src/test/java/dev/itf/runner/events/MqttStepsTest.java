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
}
