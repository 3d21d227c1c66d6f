package dev.itf.operator;

import dev.itf.api.Itf;
import dev.itf.api.TestRun;
import dev.itf.api.TestSchedule;
import dev.itf.api.TestSuite;
import dev.itf.manifest.Manifests;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The schedule controller on the mock API server: rollouts of a Deployment start runs; a bad spec is a condition. */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
class TestScheduleReconcilerTest {

    private static final Duration DEADLINE = Duration.ofSeconds(60);
    private static final String NS = "schedules";

    @Inject
    KubernetesClient client;

    private <T extends HasMetadata> T create(Class<T> type, String yaml) throws Exception {
        T resource = Manifests.parse(Path.of("test.yaml"), yaml).get(0).as(type).resource();
        resource.getMetadata().setNamespace(NS);
        return client.resources(type).inNamespace(NS).resource(resource).create();
    }

    /**
     * Rolls the Deployment out to image version {@code version} and marks it fully available, as the deployment
     * controller would; returns the generation the API server gave the new spec.
     */
    private long rolledOut(String name, int version) {
        Deployment d = client.apps().deployments().inNamespace(NS).withName(name).get();
        if (d == null) {
            d = client.apps().deployments().inNamespace(NS).resource(new DeploymentBuilder()
                    .withNewMetadata().withName(name).addToLabels("app", "orders").endMetadata()
                    .withNewSpec().withReplicas(1).withNewSelector().addToMatchLabels("app", "orders").endSelector()
                    .withNewTemplate().withNewMetadata().addToLabels("app", "orders").endMetadata()
                    .withNewSpec().addNewContainer().withName("orders").withImage("orders:" + version).endContainer().endSpec()
                    .endTemplate().endSpec().build()).create();
        } else {
            d.getSpec().getTemplate().getSpec().getContainers().get(0).setImage("orders:" + version);
            d = client.apps().deployments().inNamespace(NS).resource(d).update();
        }
        long generation = d.getMetadata().getGeneration();
        d.setStatus(new DeploymentStatusBuilder().withObservedGeneration(generation).withReplicas(1).withUpdatedReplicas(1)
                .withAvailableReplicas(1).withReadyReplicas(1).build());
        client.apps().deployments().inNamespace(NS).resource(d).updateStatus();
        return generation;
    }

    private List<TestRun> runs(String schedule) {
        return client.resources(TestRun.class).inNamespace(NS).withLabel(Itf.LABEL_SCHEDULE, schedule).list().getItems();
    }

    private TestSchedule schedule(String name) {
        return client.resources(TestSchedule.class).inNamespace(NS).withName(name).get();
    }

    @Test
    void eachRolloutStartsOneRunAndARolloutDuringAnActiveRunWaitsForIt() throws Exception {
        create(TestSuite.class, """
                apiVersion: itf.dev/v1alpha1
                kind: TestSuite
                metadata: {name: orders-api}
                spec:
                  cases:
                    - id: API_001
                      title: List orders
                      steps:
                        - http: {url: "http://orders:8080/api/v1/orders"}
                          expect: {status: 200}
                """);
        long initial = rolledOut("orders", 1);
        create(TestSchedule.class, """
                apiVersion: itf.dev/v1alpha1
                kind: TestSchedule
                metadata: {name: after-rollout}
                spec:
                  triggers:
                    - rollout: {kind: Deployment, selector: {matchLabels: {app: orders}}}
                  concurrencyPolicy: Queue
                  runTemplate:
                    metadata: {labels: {team: orders}}
                    spec: {suiteRef: {name: orders-api}}
                """);
        await().atMost(DEADLINE).untilAsserted(() -> {
            TestSchedule s = schedule("after-rollout");
            assertThat(s.getStatus()).isNotNull();
            assertThat(s.getStatus().rollouts).singleElement().satisfies(w -> assertThat(w.generation).isEqualTo(initial));
        });
        assertThat(runs("after-rollout")).isEmpty();

        long second = rolledOut("orders", 2);
        assertThat(second).isGreaterThan(initial);
        await().atMost(DEADLINE).until(() -> runs("after-rollout").size() == 1);
        TestRun first = runs("after-rollout").get(0);
        assertThat(first.getMetadata().getName()).startsWith("after-rollout-");
        assertThat(first.getMetadata().getLabels()).containsEntry("team", "orders");
        assertThat(first.getMetadata().getAnnotations()).containsEntry(Itf.ANNOTATION_TRIGGER, "rollout Deployment/orders generation " + second);
        assertThat(first.getMetadata().getOwnerReferences()).singleElement()
                .satisfies(o -> assertThat(o.getUid()).isEqualTo(schedule("after-rollout").getMetadata().getUid()));
        await().atMost(DEADLINE).untilAsserted(() -> {
            TestSchedule s = schedule("after-rollout");
            // the run is created before the status that names it is written: a look in between sees no lastRun yet
            assertThat(s.getStatus().lastRun).isNotNull();
            assertThat(s.getStatus().lastRun.name).isEqualTo(first.getMetadata().getName());
            assertThat(s.getStatus().activeCount).isEqualTo(1);
        });

        long third = rolledOut("orders", 3);
        await().atMost(DEADLINE).untilAsserted(() -> {
            TestSchedule s = schedule("after-rollout");
            assertThat(s.getStatus().pending).isNotNull();
            assertThat(s.getStatus().pending.reasons).containsExactly("rollout Deployment/orders generation " + third);
        });
        assertThat(runs("after-rollout")).hasSize(1);

        client.resources(TestRun.class).inNamespace(NS).withName(first.getMetadata().getName()).delete();
        await().atMost(DEADLINE).untilAsserted(() -> assertThat(runs("after-rollout"))
                .singleElement().satisfies(r -> assertThat(r.getMetadata().getAnnotations())
                        .containsEntry(Itf.ANNOTATION_TRIGGER, "rollout Deployment/orders generation " + third)));
        assertThat(schedule("after-rollout").getStatus().pending).isNull();
    }

    @Test
    void aBadCronExpressionIsAConditionNamingTheField() throws Exception {
        create(TestSchedule.class, """
                apiVersion: itf.dev/v1alpha1
                kind: TestSchedule
                metadata: {name: broken}
                spec:
                  schedule: "0 3 * *"
                  runTemplate:
                    spec: {suiteRef: {name: orders-api}}
                """);
        await().atMost(DEADLINE).untilAsserted(() -> {
            TestSchedule s = schedule("broken");
            assertThat(s.getStatus()).isNotNull();
            Condition valid = StatusConditions.find(s.getStatus().conditions, "Valid").orElseThrow();
            assertThat(valid.getStatus()).isEqualTo("False");
            assertThat(valid.getMessage()).isEqualTo("spec.schedule: \"0 3 * *\" has 4 fields, expected 5 "
                    + "(minute hour day-of-month month day-of-week), e.g. \"0 3 * * *\"");
        });
        assertThat(runs("broken")).isEmpty();
    }
}
