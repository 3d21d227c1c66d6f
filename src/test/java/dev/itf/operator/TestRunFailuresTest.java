package dev.itf.operator;

import dev.itf.api.RunPhase;
import dev.itf.api.TestEnvironment;
import dev.itf.api.TestRun;
import dev.itf.api.TestSuite;
import dev.itf.operator.results.ResultStore;
import dev.itf.operator.results.ResultsResource;
import dev.itf.operator.run.RunNames;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import io.quarkus.test.kubernetes.client.KubernetesTestServer;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

/**
 * Every run ends: what the API server refuses, throttling, a result store that fails, bad results and unreadable
 * stored data each end in a verdict or are retried, never in a run left in Provisioning or Running without a word.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
class TestRunFailuresTest {
    static final String NS = "team";
    static final Duration WAIT = Duration.ofSeconds(120);  // only catches a hang: a loaded 2-core machine is slow

    @Inject
    KubernetesClient client;
    @Inject
    ResultStore store;
    @KubernetesTestServer
    KubernetesServer server;
    @ConfigProperty(name = "itf.results.dir")
    String resultsDir;
    @TestHTTPResource("/")
    URL base;

    TestRun get(String name) {
        return client.resources(TestRun.class).inNamespace(NS).withName(name).get();
    }

    RunPhase phase(String name) {
        TestRun r = get(name);
        return r == null || r.getStatus() == null ? null : r.getStatus().phase;
    }

    static Condition condition(TestRun r, String type) {
        return r.getStatus().conditions.stream().filter(c -> type.equals(c.getType())).findFirst().orElse(null);
    }

    String namespaceOf(String run) {
        await().atMost(WAIT).until(() -> get(run).getStatus() != null && get(run).getStatus().namespace != null);
        return get(run).getStatus().namespace;
    }

    /** Creates the run before its suite, so the test can prepare the run's place in the result store before it starts. */
    String uidBeforeItsSuite(TestRun r) {
        String uid = client.resources(TestRun.class).inNamespace(NS).resource(r).create().getMetadata().getUid();
        await().atMost(WAIT).until(() -> phase(r.getMetadata().getName()) == RunPhase.Error);
        return uid;
    }

    TestRun run(String name, String suite, String environment) {
        TestRun r = new TestRunLifecycleTest().run(name, suite, environment, 1);
        return r;
    }

    @Test
    void aComponentTheApiServerRefusesEndsTheRunAsErrorWithTheServersMessage() throws Exception {
        client.resources(TestSuite.class).inNamespace(NS).resource(TestRunLifecycleTest.suite("s-422", 1)).create();
        client.resources(TestEnvironment.class).inNamespace(NS).resource(TestRunLifecycleTest.environment("e-422", "5m")).create();
        client.resources(TestRun.class).inNamespace(NS).resource(run("r422", "s-422", "e-422")).create();
        String ns = namespaceOf("r422");
        await().atMost(WAIT).until(() -> client.apps().deployments().inNamespace(ns).withName("orders-db").get() != null);
        server.expect().post().withPath("/apis/apps/v1/namespaces/" + ns + "/deployments")
                .andReturn(422, new StatusBuilder().withStatus("Failure").withReason("Invalid").withCode(422)
                        .withMessage("Deployment.apps \"orders-api\" is invalid: spec.template.spec.containers[0].image: Required value")
                        .build())
                .always();
        new FakeKubelet(client, base.toURI()).markReady(ns, "orders-db");

        await().atMost(WAIT).until(() -> phase("r422") == RunPhase.Error);
        Condition succeeded = condition(get("r422"), "Succeeded");
        assertThat(succeeded.getReason()).isEqualTo("ObjectInvalid");
        assertThat(succeeded.getMessage()).contains("Deployment " + ns + "/orders-api")
                .contains("spec.template.spec.containers[0].image: Required value");
        assertThat(condition(get("r422"), "Completed").getStatus()).isEqualTo("True");
    }

    @Test
    void aThrottledApiServerIsRetriedWithAConditionSayingWhyUntilItAnswers() throws Exception {
        client.resources(TestSuite.class).inNamespace(NS).resource(TestRunLifecycleTest.suite("s-429", 1)).create();
        client.resources(TestEnvironment.class).inNamespace(NS).resource(TestRunLifecycleTest.environment("e-429", "5m")).create();
        client.resources(TestRun.class).inNamespace(NS).resource(run("r429", "s-429", "e-429")).create();
        String ns = namespaceOf("r429");
        await().atMost(WAIT).until(() -> client.apps().deployments().inNamespace(ns).withName("orders-db").get() != null);
        server.expect().post().withPath("/apis/apps/v1/namespaces/" + ns + "/deployments")
                .andReturn(429, new StatusBuilder().withStatus("Failure").withReason("TooManyRequests").withCode(429)
                        .withMessage("the server has received too many requests and has asked us to try again later").build())
                .times(8);
        Set<String> seen = ConcurrentHashMap.newKeySet();
        FakeKubelet kubelet = new FakeKubelet(client, base.toURI());
        kubelet.markReady(ns, "orders-db");

        // the test's own reads share the mock server with the operator's retries; one dropped connection is read again
        await().atMost(WAIT).ignoreExceptionsInstanceOf(KubernetesClientException.class).until(() -> {
            Condition retrying = condition(get("r429"), "Retrying");
            if (retrying != null) {
                seen.add(retrying.getReason() + ": " + retrying.getMessage());
            }
            return client.apps().deployments().inNamespace(ns).withName("orders-api").get() != null;
        });
        assertThat(seen).anyMatch(s -> s.startsWith("ApiServerThrottled: ") && s.contains("too many requests"));
        assertThat(phase("r429")).isEqualTo(RunPhase.Provisioning);
        kubelet.markReady(ns, "orders-api");
        await().atMost(WAIT).until(() -> phase("r429") == RunPhase.Running);
        assertThat(condition(get("r429"), "Retrying")).as("gone once a reconcile got through").isNull();
    }

    @Test
    void aStormOf429sOnTheStatusPatchIsRetriedWithBackoffUntilTheStatusGoesThrough() throws Exception {
        client.resources(TestSuite.class).inNamespace(NS).resource(TestRunLifecycleTest.suite("s-storm", 1)).create();
        server.expect().patch().withPath("/apis/itf.dev/v1alpha1/namespaces/" + NS + "/testruns/storm/status")
                .andReturn(429, new StatusBuilder().withStatus("Failure").withReason("TooManyRequests").withCode(429)
                        .withMessage("the server has received too many requests and has asked us to try again later").build())
                .times(4);
        client.resources(TestRun.class).inNamespace(NS).resource(run("storm", "s-storm", null)).create();

        // every write of the status is refused four times in a row; the fifth goes through and the run carries on
        // (the test's own reads share the mock server with the operator's retries; a dropped connection is read again)
        await().atMost(WAIT).ignoreExceptionsInstanceOf(KubernetesClientException.class).until(() -> phase("storm") == RunPhase.Running);
        assertThat(client.batch().v1().jobs().inNamespace(get("storm").getStatus().namespace).withName(RunNames.runnerJob(0)).get())
                .as("the run's Job was created once, before the throttled patches").isNotNull();
    }

    @Test
    void aResultStoreThatFailsIsRetriedAndTheRunStillEndsAtItsDeadline() throws Exception {
        TestRun r = run("store", "s-store", null);
        r.getSpec().timeout = "4s";
        String uid = uidBeforeItsSuite(r);
        // where the run's results directory belongs there is a file: every read and write of the store fails
        Path place = Path.of(resultsDir, NS, "store", uid);
        Files.createDirectories(place.getParent());
        Files.writeString(place, "not a directory");
        client.resources(TestSuite.class).inNamespace(NS).resource(TestRunLifecycleTest.suite("s-store", 1)).create();
        String ns = namespaceOf("store");
        String token = FakeKubelet.secretValue(client.secrets().inNamespace(ns).withName(RunNames.TOKEN_SECRET).get(), RunNames.TOKEN_KEY);
        RestAssured.given().body("{\"caseId\":\"API_001\",\"attempt\":1,\"outcome\":\"passed\"}").contentType("application/json")
                .header("Authorization", "Bearer " + token).post("/api/v1/results/team/store")
                .then().statusCode(503).body(containsString("send again"));

        await().atMost(WAIT).until(() -> phase("store") == RunPhase.Error);
        TestRun done = get("store");
        assertThat(condition(done, "Succeeded").getReason()).isEqualTo("RunTimeout");
        assertThat(condition(done, "Retrying").getReason()).isEqualTo("ResultStoreUnavailable");
        assertThat(condition(done, "Retrying").getMessage()).contains("result store");
        Files.delete(place);
    }

    @Test
    void unreadableStoredResultsAreSkippedWithAWarningAndTheRunFinishes() throws Exception {
        String uid = uidBeforeItsSuite(run("bad", "s-bad", null));
        Path dir = Path.of(resultsDir, NS, "bad", uid);
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("API_009@1.json"), "{not json");
        Files.writeString(dir.resolve("API_008@1.json"), "{\"caseId\":\"API_008\",\"attempt\":1}");
        client.resources(TestSuite.class).inNamespace(NS).resource(TestRunLifecycleTest.suite("s-bad", 2)).create();
        String ns = namespaceOf("bad");
        await().atMost(WAIT).until(() -> client.batch().v1().jobs().inNamespace(ns).withName(RunNames.runnerJob(0)).get() != null);
        Job job = client.batch().v1().jobs().inNamespace(ns).withName(RunNames.runnerJob(0)).get();
        assertThat(new FakeKubelet(client, base.toURI()).runShard(job, true, true)).isZero();

        await().atMost(WAIT).until(() -> phase("bad") == RunPhase.Succeeded);
        assertThat(get("bad").getStatus().summary.passed).isEqualTo(2);
        await().atMost(WAIT).untilAsserted(() -> {
            List<Event> warnings = client.v1().events().inNamespace(NS).list().getItems().stream()
                    .filter(e -> "bad".equals(e.getInvolvedObject().getName()) && "ResultUnreadable".equals(e.getReason())).toList();
            assertThat(warnings).extracting(Event::getType).containsOnly("Warning");
            assertThat(warnings).extracting(Event::getMessage)
                    .anyMatch(m -> m.contains("API_009@1.json") && m.contains("cannot be read"))
                    .anyMatch(m -> m.contains("API_008@1.json") && m.contains("outcome: missing"));
        });
        assertThat(store.list(ResultsResource.key(get("bad")))).extracting(c -> c.caseId).containsExactly("API_001", "API_002");
    }

    @Test
    void resultsWithoutOrWithMisspeltFieldsAreRefusedNamingTheFieldAndBatchesAreStoredWhole() throws Exception {
        client.resources(TestSuite.class).inNamespace(NS).resource(TestRunLifecycleTest.suite("s-body", 3)).create();
        client.resources(TestRun.class).inNamespace(NS).resource(run("body", "s-body", null)).create();
        await().atMost(WAIT).until(() -> phase("body") == RunPhase.Running);
        String ns = namespaceOf("body");
        String token = FakeKubelet.secretValue(client.secrets().inNamespace(ns).withName(RunNames.TOKEN_SECRET).get(), RunNames.TOKEN_KEY);
        record Refused(String body, String says) {
        }
        for (Refused r : List.of(
                new Refused("{\"caseId\":\"API_001\",\"attempt\":1}", "outcome: missing"),
                new Refused("{\"caseId\":\"API_001\",\"attempt\":1,\"outcom\":\"passed\"}", "outcome: missing"),
                new Refused("{\"caseId\":\"API_001\",\"attempt\":1,\"outcome\":\"passd\"}", "outcome: unknown value \\\"passd\\\""),
                new Refused("{\"attempt\":1,\"outcome\":\"passed\"}", "caseId: missing"),
                new Refused("{\"caseId\":\"API_001\",\"attempt\":0,\"outcome\":\"passed\"}", "attempt:"),
                new Refused("{\"caseId\":\"API_001\",\"attempt\":1,\"outcome\":\"passed\",\"colour\":\"red\"}", "colour: unknown field"),
                new Refused("{\"caseId\":\"API_001\",\"attempt\":1,\"outcome\":\"passed\",\"steps\":[{\"name\":\"a\",\"outcom\":\"passed\"}]}",
                        "steps[0].outcom: unknown field"),
                new Refused("{\"caseId\":\"API_001\",\"attempt\":1,\"outcome\":\"passed\",\"shard\":4}", "shard: 4 but the run has 1 shard"),
                new Refused("[{\"caseId\":\"API_001\",\"attempt\":1,\"outcome\":\"passed\"},{\"caseId\":\"API_002\",\"attempt\":1}]",
                        "[1].outcome: missing"),
                new Refused("[]", "empty array"))) {
            RestAssured.given().body(r.body()).contentType("application/json").header("Authorization", "Bearer " + token)
                    .post("/api/v1/results/team/body").then().statusCode(400).body(containsString(r.says()));
        }
        assertThat(store.list(ResultsResource.key(get("body")))).as("a refused batch stores nothing").isEmpty();

        String batch = "[{\"caseId\":\"API_001\",\"attempt\":1,\"outcome\":\"passed\"},"
                + "{\"caseId\":\"API_002\",\"attempt\":1,\"outcome\":\"failed\",\"message\":\"status 500\"},"
                + "{\"caseId\":\"API_002\",\"attempt\":2,\"outcome\":\"passed\",\"flaky\":true}]";
        RestAssured.given().body(batch).contentType("application/json").header("Authorization", "Bearer " + token)
                .post("/api/v1/results/team/body").then().statusCode(200)
                .body("results", org.hamcrest.Matchers.equalTo(3)).body("created", org.hamcrest.Matchers.equalTo(3));
        RestAssured.given().body(batch).contentType("application/json").header("Authorization", "Bearer " + token)
                .post("/api/v1/results/team/body").then().statusCode(200).body("created", org.hamcrest.Matchers.equalTo(0));
        assertThat(store.list(ResultsResource.key(get("body")))).hasSize(3);
        // the POST wakes the run: its status follows without waiting for a resync
        await().atMost(Duration.ofSeconds(60)).until(() -> get("body").getStatus().summary.passed == 2
                && get("body").getStatus().summary.flaky == 1);
    }
}
