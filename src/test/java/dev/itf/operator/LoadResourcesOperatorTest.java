package dev.itf.operator;

import dev.itf.api.Itf;
import dev.itf.api.LocalObjectRef;
import dev.itf.api.RunPhase;
import dev.itf.api.TestEnvironment;
import dev.itf.api.TestRun;
import dev.itf.api.TestRunSpec;
import dev.itf.api.TestRunStatus;
import dev.itf.api.TestSuite;
import dev.itf.json.Json;
import dev.itf.operator.lifecycle.RunCache;
import dev.itf.operator.results.AccessReviews;
import dev.itf.operator.usage.ComponentUsage;
import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import io.quarkus.test.kubernetes.client.KubernetesTestServer;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Resources thresholds of load steps in a cluster: the operator samples the kubelet's stats summary of the node that
 * runs a component's pod (the mock API server answers for the node proxy), and the results the real runner pushes
 * get their verdict from the samples inside each step's measured period, in the status and in the report.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
class LoadResourcesOperatorTest {
    static final String NS = TestRunLifecycleTest.NS;
    private static final long GI = 1L << 30;

    @KubernetesTestServer
    KubernetesServer server;
    @Inject
    KubernetesClient client;
    @Inject
    ComponentUsage usage;
    @Inject
    RunCache cache;
    @TestHTTPResource("/")
    URL base;

    FakeKubelet kubelet() throws Exception {
        return new FakeKubelet(client, base.toURI());
    }

    /** A suite of one load case per thresholds mapping, each sending 10 requests a second for a second. */
    static TestSuite suite(String name, String... thresholds) {
        StringBuilder yaml = new StringBuilder("apiVersion: itf.dev/v1alpha1\nkind: TestSuite\nmetadata: {name: " + name
                + ", namespace: " + NS + "}\nspec:\n  defaults: {timeout: 60s}\n  cases:\n");
        for (int i = 0; i < thresholds.length; i++) {
            yaml.append(String.format("    - id: LOAD_%03d%n      title: load %d%n      steps:%n", i + 1, i + 1))
                    .append("        - name: browse under load\n")
                    .append("          load: {request: {http: {url: \"${baseUrl}/health\"}}, rate: 10/s, duration: 1s}\n")
                    .append("          expect: {status: 200, thresholds: " + thresholds[i] + "}\n");
        }
        return Serialization.unmarshal(yaml.toString(), TestSuite.class);
    }

    TestRun start(String name, String suiteYamlName, String environment) {
        return start(name, suiteYamlName, environment, 1);
    }

    TestRun start(String name, String suiteYamlName, String environment, int parallelism) {
        TestRun r = new TestRun();
        r.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(NS).build());
        r.setSpec(new TestRunSpec());
        r.getSpec().suiteRef = new LocalObjectRef(suiteYamlName);
        r.getSpec().environmentRef = new LocalObjectRef(environment);
        r.getSpec().timeout = "5m";
        r.getSpec().parallelism = parallelism;
        r.getSpec().variables.put("baseUrl", SharedDemoTarget.url());
        return client.resources(TestRun.class).inNamespace(NS).resource(r).create();
    }

    TestRun get(String name) {
        return client.resources(TestRun.class).inNamespace(NS).withName(name).get();
    }

    RunPhase phase(String name) {
        TestRun r = get(name);
        return r == null || r.getStatus() == null ? null : r.getStatus().phase;
    }

    /** Provisions the run's environment, puts orders-api's pod on the node with a CPU limit of one core, waits for its runner. */
    Job provision(String run, String node) throws Exception {
        return provision(run, node, 1).get(0);
    }

    /** As {@link #provision(String, String)}, for a run of several runner Jobs, in shard order. */
    List<Job> provision(String run, String node, int runners) throws Exception {
        String ns = namespace(run);
        await().atMost(TestRunLifecycleTest.WAIT).until(() -> client.apps().deployments().inNamespace(ns).withName("orders-db").get() != null);
        kubelet().markReady(ns, "orders-db");
        await().atMost(TestRunLifecycleTest.WAIT).until(() -> client.apps().deployments().inNamespace(ns).withName("orders-api").get() != null);
        kubelet().markReady(ns, "orders-api");
        Deployment d = client.apps().deployments().inNamespace(ns).withName("orders-api").get();
        client.pods().inNamespace(ns).resource(new PodBuilder().withNewMetadata().withName("orders-api-7d9f8-abcde").withNamespace(ns)
                .withLabels(d.getSpec().getTemplate().getMetadata().getLabels()).endMetadata()
                .withNewSpec().withNodeName(node).addNewContainer().withName("orders-api").withImage("itf:test")
                .withNewResources().withLimits(Map.of("cpu", new Quantity("1"), "memory", new Quantity("4Gi"))).endResources()
                .endContainer().endSpec()
                .withNewStatus().withPhase("Running").endStatus().build()).create();
        await().atMost(TestRunLifecycleTest.WAIT).until(() -> !cache.pods(ns, Itf.LABEL_COMPONENT, "orders-api").isEmpty());
        await().atMost(TestRunLifecycleTest.WAIT).until(() -> phase(run) == RunPhase.Running);
        await().atMost(TestRunLifecycleTest.WAIT).until(() -> client.batch().v1().jobs().inNamespace(ns).list().getItems().size() == runners);
        return client.batch().v1().jobs().inNamespace(ns).list().getItems().stream()
                .sorted(java.util.Comparator.comparing((Job j) -> j.getMetadata().getName())).toList();
    }

    String namespace(String run) {
        await().atMost(TestRunLifecycleTest.WAIT).until(() -> get(run).getStatus() != null && get(run).getStatus().namespace != null);
        return get(run).getStatus().namespace;
    }

    /** The kubelet's stats summary of a node running orders-api's pod: half a core and a working set of 1.5Gi. */
    static String summary(String ns, String node) {
        return "{\"node\": {\"nodeName\": \"" + node + "\"}, \"pods\": [{\"podRef\": {\"name\": \"orders-api-7d9f8-abcde\", \"namespace\": \"" + ns
                + "\"}, \"containers\": [{\"name\": \"orders-api\", \"cpu\": {\"usageNanoCores\": 500000000}, \"memory\": {\"workingSetBytes\": "
                + (GI + GI / 2) + "}}]}, {\"podRef\": {\"name\": \"other\", \"namespace\": \"elsewhere\"}, \"containers\": [{\"name\": \"x\","
                + " \"cpu\": {\"usageNanoCores\": 3000000000}, \"memory\": {\"workingSetBytes\": " + 8 * GI + "}}]}]}";
    }

    static String path(String node) {
        return "/api/v1/nodes/" + node + "/proxy/stats/summary";
    }

    /** Runs the shard with the real runner while the test samples the usage of the run's components, round after round. */
    int runWhileSampling(Job... jobs) throws Exception {
        FakeKubelet kubelet = kubelet();
        CompletableFuture<Integer> shard = CompletableFuture.supplyAsync(() -> {
            int exit = 0;
            try {
                for (Job job : jobs) {
                    exit |= kubelet.runShard(job, true, true);
                }
                return exit;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        while (!shard.isDone()) {
            usage.sample();
            Thread.sleep(50);
        }
        return shard.get();
    }

    JsonNode report(String run) throws Exception {
        AccessReviews.install(server.getKubernetesMockServer());
        String body = RestAssured.given().header("Authorization", "Bearer " + AccessReviews.READER)
                .get("/api/v1/reports/" + NS + "/" + run).then().statusCode(200).extract().asString();
        return Json.MAPPER.readTree(body);
    }

    static JsonNode threshold(JsonNode report, String caseId, String name) {
        for (JsonNode c : report.path("cases")) {
            if (c.path("caseId").asText().equals(caseId)) {
                for (JsonNode t : c.path("steps").get(0).path("load").path("thresholds")) {
                    if (t.path("name").asText().equals(name)) {
                        return t;
                    }
                }
            }
        }
        throw new AssertionError("no threshold " + name + " in " + caseId);
    }

    @Test
    void thresholdsOnTheKubeletsUsageHoldFailOrAreNotMeasuredInTheStatusAndTheReport() throws Exception {
        client.resources(TestSuite.class).inNamespace(NS).resource(suite("s-res",
                "{resources: [{component: orders-api, cpu: 80%, memory: 2Gi}]}",
                "{resources: [{component: orders-api, cpu: \"0.25\", memory: 1Gi}]}",
                "{p95: 10s, resources: [{component: orders-db, memory: 1Gi}]}")).create();
        client.resources(TestEnvironment.class).inNamespace(NS).resource(TestRunLifecycleTest.environment("e-res", "5m")).create();
        TestRun run = start("res", "s-res", "e-res");
        server.getKubernetesMockServer().expect().get().withPath(path("n1")).andReturn(200, summary(namespace("res"), "n1")).always();
        Job job = provision("res", "n1");
        assertThat(usage.watching(run.getMetadata().getUid())).isTrue();

        assertThat(runWhileSampling(job)).as("the runner cannot judge resources, so its own cases pass").isZero();

        await().atMost(TestRunLifecycleTest.WAIT).until(() -> phase("res") == RunPhase.Failed);
        TestRun done = get("res");
        assertThat(done.getStatus().failures).singleElement().satisfies(f -> {
            assertThat(f.id).isEqualTo("LOAD_002");
            assertThat(f.message).isEqualTo("step \"browse under load\": thresholds failed: resources:orders-api:cpu 0.5 > 0.25; "
                    + "resources:orders-api:memory 1.5Gi > 1Gi");
        });
        assertThat(done.getStatus().summary.passed).isEqualTo(2);
        assertThat(done.getStatus().load).extracting(l -> l.caseId + " " + l.thresholdsHeld)
                .containsExactly("LOAD_001 true", "LOAD_002 false", "LOAD_003 true");
        // a finished run's samples go, once the operator has looked at it after its finish
        await().atMost(TestRunLifecycleTest.WAIT).until(() -> !usage.watching(run.getMetadata().getUid()));

        JsonNode report = report("res");
        assertThat(threshold(report, "LOAD_001", "resources:orders-api:cpu").path("actual").asText()).isEqualTo("50.0%");
        assertThat(threshold(report, "LOAD_001", "resources:orders-api:cpu").path("passed").asBoolean()).isTrue();
        assertThat(threshold(report, "LOAD_001", "resources:orders-api:memory").path("actual").asText()).isEqualTo("1.5Gi");
        assertThat(threshold(report, "LOAD_002", "resources:orders-api:cpu").path("actual").asText()).isEqualTo("0.5");
        assertThat(threshold(report, "LOAD_002", "resources:orders-api:cpu").path("passed").asBoolean()).isFalse();
        JsonNode db = threshold(report, "LOAD_003", "resources:orders-db:memory");
        assertThat(db.has("passed")).isFalse();
        assertThat(db.path("reason").asText()).isEqualTo("not measured: no kubelet sample of orders-db's pods during the measured period");
        assertThat(report.path("summary").path("failed").asInt()).isEqualTo(1);
    }

    @Test
    void aLoadSplitOverTwoRunnersIsJudgedOnceOnTheMergedSharesWithTheirPeak() throws Exception {
        TestSuite suite = suite("s-resshards", "{p95: 10s, resources: [{component: orders-api, memory: 1Gi}]}");
        suite.getSpec().cases.get(0).steps.get(0).load.shards = "all";
        client.resources(TestSuite.class).inNamespace(NS).resource(suite).create();
        client.resources(TestEnvironment.class).inNamespace(NS).resource(TestRunLifecycleTest.environment("e-resshards", "5m")).create();
        start("resshards", "s-resshards", "e-resshards", 2);
        server.getKubernetesMockServer().expect().get().withPath(path("n2")).andReturn(200, summary(namespace("resshards"), "n2")).always();
        List<Job> jobs = provision("resshards", "n2", 2);

        assertThat(runWhileSampling(jobs.toArray(Job[]::new))).as("each runner judges only its share").isZero();

        await().atMost(TestRunLifecycleTest.WAIT).until(() -> phase("resshards") == RunPhase.Failed);
        TestRun done = get("resshards");
        assertThat(done.getStatus().failures).singleElement().satisfies(f -> assertThat(f.message)
                .isEqualTo("step \"browse under load\": thresholds failed: resources:orders-api:memory 1.5Gi > 1Gi (on the merged measurements of 2 shards)"));
        assertThat(done.getStatus().load).singleElement().satisfies(l -> assertThat(l.thresholdsHeld).isFalse());
        JsonNode report = report("resshards");
        assertThat(report.path("cases")).singleElement().satisfies(c -> assertThat(c.path("steps").get(0).path("load").path("shardsMerged").asInt()).isEqualTo(2));
        assertThat(threshold(report, "LOAD_001", "resources:orders-api:memory").path("actual").asText()).isEqualTo("1.5Gi");
    }

    @Test
    void aKubeletThatRefusesLeavesTheThresholdNotMeasuredWithOneWarningEvent() throws Exception {
        client.resources(TestSuite.class).inNamespace(NS).resource(suite("s-res403",
                "{resources: [{component: orders-api, memory: 1Gi}]}")).create();
        client.resources(TestEnvironment.class).inNamespace(NS).resource(TestRunLifecycleTest.environment("e-res403", "5m")).create();
        start("res403", "s-res403", "e-res403");
        server.getKubernetesMockServer().expect().get().withPath(path("n403"))
                .andReturn(403, "{\"kind\": \"Status\", \"apiVersion\": \"v1\", \"status\": \"Failure\", \"message\": \"nodes \\\"n403\\\" is forbidden\", \"code\": 403}")
                .always();
        Job job = provision("res403", "n403");

        assertThat(runWhileSampling(job)).isZero();

        await().atMost(TestRunLifecycleTest.WAIT).until(() -> phase("res403") == RunPhase.Succeeded);
        JsonNode t = threshold(report("res403"), "LOAD_001", "resources:orders-api:memory");
        assertThat(t.has("passed")).isFalse();
        assertThat(t.path("reason").asText()).startsWith("not measured: the kubelet's stats summary of node n403 could not be read"
                + " through the API server (HTTP 403").endsWith("; the operator's ClusterRole needs get on nodes/proxy");
        assertThat(client.v1().events().inNamespace(NS).list().getItems())
                .filteredOn(e -> "res403".equals(e.getInvolvedObject().getName()) && "ResourcesNotMeasured".equals(e.getReason()))
                .singleElement().satisfies(e -> {
                    assertThat(e.getType()).isEqualTo("Warning");
                    assertThat(e.getMessage()).contains("orders-api").contains("HTTP 403");
                });
    }

    @Test
    void aRunWithoutResourcesThresholdsIsNotSampled() throws Exception {
        AtomicInteger asked = new AtomicInteger();
        server.getKubernetesMockServer().expect().get().withPath(path("n-quiet")).andReply(200, request -> {
            asked.incrementAndGet();
            return "{\"pods\": []}";
        }).always();
        client.resources(TestSuite.class).inNamespace(NS).resource(suite("s-nores", "{p95: 10s}")).create();
        client.resources(TestEnvironment.class).inNamespace(NS).resource(TestRunLifecycleTest.environment("e-nores", "5m")).create();
        TestRun run = start("nores", "s-nores", "e-nores");
        Job job = provision("nores", "n-quiet");
        assertThat(usage.watching(run.getMetadata().getUid())).isFalse();

        assertThat(runWhileSampling(job)).isZero();

        await().atMost(TestRunLifecycleTest.WAIT).until(() -> phase("nores") == RunPhase.Succeeded);
        assertThat(asked.get()).as("no stats summary of the node running its pod was asked for").isZero();
        List<TestRunStatus.LoadStep> load = get("nores").getStatus().load;
        assertThat(load).singleElement().satisfies(l -> assertThat(l.thresholdsHeld).isTrue());
    }
}
