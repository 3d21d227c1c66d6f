package dev.itf.operator;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A leader that shuts down gives its Lease up so that another replica takes it at its next try: fabric8's elector (and
 * client-go's) waits out its own lease duration from the last renewal unless the Lease has no holder.
 */
@EnableKubernetesMockClient(crud = true)
class LeaseReleaseTest {
    static KubernetesClient client;

    private Leadership replica(String identity) {
        Leadership leadership = new Leadership();
        leadership.client = client;
        leadership.election("itf-operator", Optional.of("itf-system"), Optional.of(identity), Duration.ofSeconds(10),
                Duration.ofSeconds(8), Duration.ofSeconds(2), true);
        return leadership;
    }

    private static KubernetesClient closedClient() {
        KubernetesClient copy = new io.fabric8.kubernetes.client.KubernetesClientBuilder().withConfig(client.getConfiguration()).build();
        copy.close();
        return copy;
    }

    private void held(String holder) {
        client.leases().inNamespace("itf-system").resource(new LeaseBuilder().withNewMetadata().withName("itf-operator")
                .withNamespace("itf-system").endMetadata().withNewSpec().withHolderIdentity(holder).withLeaseDurationSeconds(10)
                .withRenewTime(ZonedDateTime.now(ZoneOffset.UTC)).endSpec().build()).createOr(c -> c.update());
    }

    private Lease lease() {
        return client.leases().inNamespace("itf-system").withName("itf-operator").get();
    }

    @Test
    void theHolderLeavesTheLeaseWithoutHolderAndStopsReconcilingFirst() {
        held("replica-a");
        Leadership a = replica("replica-a");
        a.stopping(null);
        assertThat(a.isLeader()).isFalse();
        // the operator SDK closes the shared client when it stops, before the release
        a.client = closedClient();
        a.release(null);
        assertThat(lease().getSpec().getHolderIdentity()).isEmpty();
        assertThat(lease().getSpec().getLeaseDurationSeconds()).isEqualTo(1);
    }

    @Test
    void aReplicaThatDoesNotHoldTheLeaseLeavesItAlone() {
        held("replica-b");
        Leadership a = replica("replica-a");
        a.stopping(null);
        a.release(null);
        assertThat(lease().getSpec().getHolderIdentity()).isEqualTo("replica-b");
        assertThat(lease().getSpec().getLeaseDurationSeconds()).isEqualTo(10);
    }
}
