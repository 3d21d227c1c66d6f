package dev.itf.operator;

import dev.itf.api.LocalObjectRef;
import dev.itf.api.RunPhase;
import dev.itf.api.TestRun;
import dev.itf.api.TestRunSpec;
import dev.itf.api.TestSuite;
import dev.itf.operator.run.RunNames;
import dev.itf.operator.results.ResultStore;
import dev.itf.operator.results.ResultsResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The operator stops in the middle of a run and starts again: no result is lost and no shard gets a second Job. */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@TestProfile(TestRunRestartTest.OwnApp.class)
class TestRunRestartTest {
    static final String NS = "team";
    static final Duration WAIT = Duration.ofSeconds(120);  // only catches a hang: a loaded 2-core machine is slow

    /** Its own application and mock server, so stopping the operator touches no other test. */
    public static class OwnApp implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // the test's client outlives the stopped operator, as the API server outlives a stopped operator pod
            return Map.of("itf.results.dir", "target/itf-results-restart", "quarkus.operator-sdk.close-client-on-stop", "false");
        }
    }

    @Inject
    KubernetesClient client;
    @Inject
    Operator operator;
    @Inject
    ResultStore store;
    @TestHTTPResource("/")
    URL base;

    TestRun get(String name) {
        return client.resources(TestRun.class).inNamespace(NS).withName(name).get();
    }

    @Test
    void aRestartInTheMiddleOfARunLosesNothingAndStartsNothingTwice() throws Exception {
        FakeKubelet kubelet = new FakeKubelet(client, base.toURI());
        client.resources(TestSuite.class).inNamespace(NS).resource(TestRunLifecycleTest.suite("s-restart", 5)).create();
        TestRun r = new TestRun();
        r.setMetadata(new ObjectMetaBuilder().withName("restart").withNamespace(NS).build());
        r.setSpec(new TestRunSpec());
        r.getSpec().suiteRef = new LocalObjectRef("s-restart");
        r.getSpec().parallelism = 2;
        r.getSpec().variables.put("baseUrl", SharedDemoTarget.url());
        client.resources(TestRun.class).inNamespace(NS).resource(r).create();
        await().atMost(WAIT).until(() -> get("restart").getStatus() != null && get("restart").getStatus().phase == RunPhase.Running);
        String ns = get("restart").getStatus().namespace;
        await().atMost(WAIT).until(() -> client.batch().v1().jobs().inNamespace(ns).list().getItems().size() == 2);
        List<String> uids = client.batch().v1().jobs().inNamespace(ns).list().getItems().stream()
                .map(j -> j.getMetadata().getUid()).sorted().toList();

        operator.stop();
        // while the operator is down, shard 0 finishes and its results arrive at the endpoint
        Job shard0 = client.batch().v1().jobs().inNamespace(ns).withName(RunNames.runnerJob(0)).get();
        assertThat(kubelet.runShard(shard0, true, true)).isZero();
        assertThat(store.list(ResultsResource.key(get("restart")))).hasSize(3);
        // nobody collects them while the operator is down
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(30))
                .until(() -> get("restart").getStatus().summary.passed == 0 && get("restart").getStatus().phase == RunPhase.Running);

        operator.start();
        await().atMost(WAIT).until(() -> get("restart").getStatus().summary.passed == 3);
        Job shard1 = client.batch().v1().jobs().inNamespace(ns).withName(RunNames.runnerJob(1)).get();
        assertThat(kubelet.runShard(shard1, true, true)).isZero();
        await().atMost(WAIT).until(() -> get("restart").getStatus().phase == RunPhase.Succeeded);

        TestRun done = get("restart");
        assertThat(done.getStatus().summary.total).isEqualTo(5);
        assertThat(done.getStatus().summary.passed).isEqualTo(5);
        assertThat(store.list(ResultsResource.key(done))).hasSize(5);
        assertThat(client.batch().v1().jobs().inNamespace(ns).list().getItems().stream()
                .map(j -> j.getMetadata().getUid()).sorted().toList())
                .as("the same two Jobs, none created again").isEqualTo(uids);
    }
}
