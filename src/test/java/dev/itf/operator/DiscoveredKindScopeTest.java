package dev.itf.operator;

import io.fabric8.kubernetes.api.model.APIResourceBuilder;
import io.fabric8.kubernetes.api.model.APIResourceListBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;

import static org.assertj.core.api.Assertions.assertThat;

/** Discovery decides which kinds are cluster-scoped; the built-in list answers where discovery cannot. */
class DiscoveredKindScopeTest {
    private KubernetesMockServer server;
    private KubernetesClient client;

    @BeforeEach
    void start() {
        server = new KubernetesMockServer(false);
        server.init();
        client = server.createClient(b -> b.editOrNewConfig().withRequestRetryBackoffLimit(0).endConfig());
    }

    @AfterEach
    void stop() {
        client.close();
        server.destroy();
    }

    @Test
    void aCustomKindIsAsDiscoverySaysAndAskedForOnce() {
        server.expect().get().withPath("/apis/example.com/v1").andReturn(200, new APIResourceListBuilder().withGroupVersion("example.com/v1")
                .addToResources(new APIResourceBuilder().withName("widgets").withKind("Widget").withNamespaced(false).build())
                .addToResources(new APIResourceBuilder().withName("gadgets").withKind("Gadget").withNamespaced(true).build())
                .addToResources(new APIResourceBuilder().withName("gadgets/status").withKind("Widget").withNamespaced(true).build())
                .build()).once();
        DiscoveredKindScope scope = new DiscoveredKindScope(client, Clock.systemUTC());

        assertThat(scope.clusterScoped("example.com/v1", "Widget")).isTrue();
        assertThat(scope.clusterScoped("example.com/v1", "Gadget")).isFalse();
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void withoutDiscoveryTheBuiltInListAnswers() {
        DiscoveredKindScope scope = new DiscoveredKindScope(client, Clock.systemUTC());
        assertThat(scope.clusterScoped("rbac.authorization.k8s.io/v1", "ClusterRole")).isTrue();
        assertThat(scope.clusterScoped("v1", "Namespace")).isTrue();
        assertThat(scope.clusterScoped("v1", "ConfigMap")).isFalse();
        assertThat(scope.clusterScoped("example.com/v1", "Widget")).isFalse();
    }
}
