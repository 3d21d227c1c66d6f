package dev.itf.operator.run;

import com.fasterxml.jackson.databind.JsonNode;
import dev.itf.api.Component;
import dev.itf.api.ComponentType;
import dev.itf.api.TestRun;
import dev.itf.json.Json;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Objects of a manifests component go into the run namespace, labelled; a cluster-scoped one is never built. */
class ManifestObjectsTest {
    static final TestRun RUN = run();

    static TestRun run() {
        TestRun r = new TestRun();
        r.setMetadata(new ObjectMetaBuilder().withName("orders-1").withNamespace("team").withUid("0b6f5a52-1d0e-4f57-9a51-8f0e7f6b7a10").build());
        return r;
    }

    static Component manifests(Map<String, Object>... objects) {
        Component c = new Component();
        c.name = "extras";
        c.type = ComponentType.MANIFESTS;
        c.manifests = List.of(objects).stream().map(o -> (JsonNode) Json.MAPPER.valueToTree(o)).toList();
        return c;
    }

    @Test
    void aNamespacedObjectGoesIntoTheRunNamespaceWithTheRunsLabels() {
        List<GenericKubernetesResource> built = ManifestObjects.build(RUN, manifests(
                Map.of("apiVersion", "v1", "kind", "ConfigMap", "metadata", Map.of("name", "fixtures"))));
        assertThat(built).singleElement().satisfies(r -> {
            assertThat(r.getMetadata().getNamespace()).isEqualTo(RunNames.namespace(RUN));
            assertThat(r.getMetadata().getLabels()).containsEntry("itf.dev/component", "extras");
        });
    }

    @Test
    void aClusterScopedObjectIsRefusedEvenIfValidationWasSkipped() {
        assertThatThrownBy(() -> ManifestObjects.build(RUN, manifests(
                Map.of("apiVersion", "v1", "kind", "ConfigMap", "metadata", Map.of("name", "fixtures")),
                Map.of("apiVersion", "rbac.authorization.k8s.io/v1", "kind", "ClusterRoleBinding", "metadata", Map.of("name", "me-admin")))))
                .hasMessage("component extras: manifests[1]: ClusterRoleBinding is cluster-scoped; a manifests component holds namespaced objects only");
    }
}
