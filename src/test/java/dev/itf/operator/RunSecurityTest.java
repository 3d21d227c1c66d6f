package dev.itf.operator;

import dev.itf.api.Itf;
import dev.itf.api.RunPhase;
import dev.itf.api.TestEnvironment;
import dev.itf.api.TestRun;
import dev.itf.api.TestSuite;
import dev.itf.operator.results.RunTokens;
import dev.itf.operator.run.RunNames;
import dev.itf.operator.run.RunTokenSecret;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** What users submit cannot reach beyond a run's namespace, and run tokens are known without reading the cluster per request. */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
class RunSecurityTest {
    static final String NS = "team";
    static final Duration WAIT = Duration.ofSeconds(120);  // only catches a hang

    @Inject
    KubernetesClient client;
    @Inject
    RunTokens tokens;
    @Inject
    OperatorNamespace operatorNamespace;

    static TestEnvironment environment(String name, String manifest) {
        return Serialization.unmarshal("""
                apiVersion: itf.dev/v1alpha1
                kind: TestEnvironment
                metadata: {name: %s, namespace: %s}
                spec:
                  components:
                    - {name: api, type: service, image: "itf:test", ports: [{port: 8080}]}
                    - name: extras
                      type: manifests
                      manifests:
                        - {apiVersion: v1, kind: ConfigMap, metadata: {name: fine}}
                        - %s
                """.formatted(name, NS, manifest), TestEnvironment.class);
    }

    Condition valid(String environment) {
        TestEnvironment e = client.resources(TestEnvironment.class).inNamespace(NS).withName(environment).get();
        return e == null || e.getStatus() == null ? null
                : StatusConditions.find(e.getStatus().conditions, StatusConditions.VALID).orElse(null);
    }

    @Test
    void manifestsReachingOutsideTheRunNamespaceMakeTheEnvironmentAndItsRunsInvalid() {
        Map<String, List<String>> cases = Map.of(
                "cluster-role", List.of("{apiVersion: rbac.authorization.k8s.io/v1, kind: ClusterRole, metadata: {name: all}}",
                        "ClusterScopedObject", "spec.components[1].manifests[1].kind: ClusterRole (rbac.authorization.k8s.io/v1) is cluster-scoped"),
                "namespace", List.of("{apiVersion: v1, kind: Namespace, metadata: {name: mine}}",
                        "ClusterScopedObject", "spec.components[1].manifests[1].kind: Namespace (v1) is cluster-scoped"),
                "elsewhere", List.of("{apiVersion: v1, kind: Secret, metadata: {name: planted, namespace: kube-system}}",
                        "ForeignNamespace", "spec.components[1].manifests[1].metadata.namespace: names namespace \"kube-system\""));
        cases.forEach((name, c) -> client.resources(TestEnvironment.class).inNamespace(NS).resource(environment(name, c.get(0))).create());

        cases.forEach((name, c) -> await().atMost(WAIT).untilAsserted(() -> {
            Condition valid = valid(name);
            assertThat(valid).as(name).isNotNull();
            assertThat(valid.getStatus()).isEqualTo("False");
            assertThat(valid.getReason()).isEqualTo(c.get(1));
            assertThat(valid.getMessage()).startsWith(c.get(2));
        }));

        client.resources(TestSuite.class).inNamespace(NS).resource(TestRunLifecycleTest.suite("s-sec", 1)).create();
        client.resources(TestRun.class).inNamespace(NS).resource(new TestRunLifecycleTest().run("sec", "s-sec", "cluster-role", 1)).create();
        await().atMost(WAIT).untilAsserted(() -> {
            TestRun run = client.resources(TestRun.class).inNamespace(NS).withName("sec").get();
            assertThat(run.getStatus()).isNotNull();
            assertThat(run.getStatus().phase).isEqualTo(RunPhase.Error);
            Condition resolved = StatusConditions.find(run.getStatus().conditions, RunResolution.CONDITION).orElseThrow();
            assertThat(resolved.getReason()).isEqualTo(RunResolution.ENVIRONMENT_INVALID);
            assertThat(resolved.getMessage()).contains("spec.components[1].manifests[1].kind: ClusterRole");
            assertThat(run.getStatus().namespace).isNull();
        });
    }

    @Test
    void aTokenSecretTheOperatorDidNotWriteInThisLifeIsKnownUntilItIsDeleted() {
        // as after a restart: the Secret exists, this operator never made the token
        String runNs = "itf-earlier-abcde";
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(runNs).endMetadata().build()).create();
        client.secrets().inNamespace(runNs).resource(new SecretBuilder().withNewMetadata().withName(RunNames.TOKEN_SECRET)
                .addToLabels(RunTokenSecret.LABEL, "true").addToLabels(Itf.LABEL_MANAGED_BY, Itf.MANAGED_BY)
                .addToLabels(Itf.LABEL_RUN_NAMESPACE, NS).addToLabels(Itf.LABEL_RUN, "earlier")
                .addToAnnotations(RunNames.ANNOTATION_RUN_NAME, "earlier").addToAnnotations(RunNames.ANNOTATION_RUN_UID, "uid-earlier")
                .endMetadata().addToStringData(RunNames.TOKEN_KEY, "earlier-token").build()).create();

        await().atMost(WAIT).until(() -> tokens.check(NS, "earlier", "earlier-token").isPresent());
        assertThat(tokens.check(NS, "earlier", "earlier-token")).contains("uid-earlier");
        assertThat(tokens.check(NS, "earlier", "other-token")).isEmpty();
        assertThat(tokens.complete()).isTrue();

        client.secrets().inNamespace(runNs).withName(RunNames.TOKEN_SECRET).delete();
        await().atMost(WAIT).until(() -> tokens.check(NS, "earlier", "earlier-token").isEmpty());
    }

    @Test
    void theOperatorLabelsItsOwnNamespaceForRunNetworkPolicies() {
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("itf-system").endMetadata().build()).create();

        assertThat(operatorNamespace.ensureLabelled("itf-system")).isTrue();
        assertThat(client.namespaces().withName("itf-system").get().getMetadata().getLabels())
                .containsEntry(Itf.LABEL_OPERATOR_NAMESPACE, "true");
        assertThat(operatorNamespace.ensureLabelled("itf-system")).isTrue();
        assertThat(operatorNamespace.ensureLabelled("no-such-namespace")).isFalse();
    }
}
