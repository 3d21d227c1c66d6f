package dev.itf.runner.events;

import dev.itf.api.ExpectMessageAction;
import io.nats.client.Connection;
import io.nats.client.JetStreamManagement;
import io.nats.client.Nats;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class NatsStepsTest extends BrokerStepsContract {

    @Override
    String uri() {
        return "nats://127.0.0.1:4222";
    }

    @Override
    String unreachableUri(int port) {
        return "nats://itf:s3cret@127.0.0.1:" + port;
    }

    @Override
    String newDestination(String unique) {
        return "itf.test." + unique;
    }

    @Test
    void wildcardSubjectsMatch() throws Exception {
        String base = destination;
        ExpectMessageStep expect = new ExpectMessageStep(yaml(ExpectMessageAction.class,
                "{component: events, destination: '" + base + ".>', count: 2, within: 5s}"));
        destination = base + ".orders.created";
        PublishStep one = publish("{e: 1}");
        destination = base + ".payments.done";
        runCase(one, publish("{e: 2}"), expect);
    }

    @Test
    void publishToAStreamSubjectGoesThroughJetStream() throws Exception {
        String stream = "ITF_" + destination.replace('.', '_').toUpperCase();
        try (Connection nc = Nats.connect(uri())) {
            JetStreamManagement jsm = nc.jetStreamManagement();
            jsm.addStream(StreamConfiguration.builder().name(stream).subjects(destination).storageType(StorageType.Memory).build());
            try {
                runCase(publish("{id: js}", "{trace: t1}"), expect("match: [{path: $.id, equals: js}], headers: {trace: t1}, within: 5s"));
                assertThat(jsm.getStreamInfo(stream).getStreamState().getMsgCount()).isEqualTo(1);
            } finally {
                jsm.deleteStream(stream);
            }
        }
    }
}
