package dev.itf.operator.run;

import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ComponentObjectsTest {

    @Test
    void aReadinessProbeWithoutAPeriodIsLookedAtEveryTwoSeconds() {
        Probe given = new ProbeBuilder().withNewTcpSocket().withNewPort(8080).endTcpSocket().build();

        Probe used = ComponentObjects.withPeriod(given);

        assertThat(used.getPeriodSeconds()).isEqualTo(2);
        assertThat(used.getTcpSocket().getPort().getIntVal()).isEqualTo(8080);
        assertThat(given.getPeriodSeconds()).as("the environment's own probe is left as it is").isNull();
    }

    @Test
    void aReadinessProbeWithAPeriodKeepsIt() {
        Probe given = new ProbeBuilder().withNewTcpSocket().withNewPort(8080).endTcpSocket().withPeriodSeconds(15).build();

        assertThat(ComponentObjects.withPeriod(given).getPeriodSeconds()).isEqualTo(15);
    }
}
