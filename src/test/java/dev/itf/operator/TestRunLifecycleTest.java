package dev.itf.operator;

import dev.itf.api.Component;
import dev.itf.api.ComponentType;
import dev.itf.api.LocalObjectRef;
import dev.itf.api.RunPhase;
import dev.itf.api.TestEnvironment;
import dev.itf.api.TestEnvironmentSpec;
import dev.itf.api.TestRun;
import dev.itf.api.TestRunSpec;
import dev.itf.api.TestSuite;
import dev.itf.operator.lifecycle.OrphanSweep;
import dev.itf.operator.run.RunNames;
import dev.itf.operator.results.AccessReviews;
import dev.itf.operator.results.ResultStore;
import dev.itf.operator.results.ResultsResource;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import io.quarkus.test.kubernetes.client.KubernetesTestServer;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import io.fabric8.kubernetes.client.utils.Serialization;

import java.net.URI;
import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * TestRuns end to end against the mock API server, with the test as kubelet and Job controller: results travel
 * from each shard through the results endpoint into the store and the TestRun status.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
class TestRunLifecycleTest {
    @KubernetesTestServer
    KubernetesServer server;
    static final String NS = "team";
    static final Duration WAIT = Duration.ofSeconds(120);  // only catches a hang: a loaded 2-core machine is slow

    @Inject
    KubernetesClient client;
    @Inject
    ResultStore store;
    @Inject
    OrphanSweep sweep;
    @TestHTTPResource("/")
    URL base;

    FakeKubelet kubelet() throws Exception {
        return new FakeKubelet(client, base.toURI());
    }

    /** A suite of GET cases against the demo target: a path (expects 200) or a whole URL per case. */
    static TestSuite suite(String name, String... targets) {
        StringBuilder yaml = new StringBuilder("apiVersion: itf.dev/v1alpha1\nkind: TestSuite\nmetadata: {name: " + name
                + ", namespace: " + NS + "}\nspec:\n  cases:\n");
        for (int i = 0; i < targets.length; i++) {
            String url = targets[i].startsWith("http") ? targets[i] : "${baseUrl}" + targets[i];
            yaml.append(String.format("    - id: API_%03d%n      title: GET %s%n      steps:%n", i + 1, targets[i]))
                    .append("        - http: {method: GET, url: \"" + url + "\"}\n")
                    .append("          expect: {status: 200}\n");
        }
        return Serialization.unmarshal(yaml.toString(), TestSuite.class);
    }

    static TestSuite suite(String name, int cases) {
        String[] targets = new String[cases];
        java.util.Arrays.fill(targets, "/health");
        return suite(name, targets);
    }

    static TestEnvironment environment(String name, String provisioningTimeout) {
        TestEnvironment e = new TestEnvironment();
        e.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(NS).build());
        e.setSpec(new TestEnvironmentSpec());
        e.getSpec().provisioningTimeout = provisioningTimeout;
        Component api = new Component();
        api.name = "orders-api";
        api.type = ComponentType.SERVICE;
        api.image = "itf:test";
        api.args = List.of("demo-target", "--port", "8080");
        api.ports.add(new Component.ComponentPort("http", 8080));
        Component db = new Component();
        db.name = "orders-db";
        db.type = ComponentType.DATABASE;
        db.engine = "postgres";
        api.dependsOn = List.of("orders-db");
        e.getSpec().components.add(api);
        e.getSpec().components.add(db);
        return e;
    }

    TestRun run(String name, String suite, String environment, int parallelism) {
        TestRun r = new TestRun();
        r.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(NS).build());
        r.setSpec(new TestRunSpec());
        r.getSpec().suiteRef = new LocalObjectRef(suite);
        r.getSpec().environmentRef = environment == null ? null : new LocalObjectRef(environment);
        r.getSpec().parallelism = parallelism;
        r.getSpec().timeout = "5m";
        r.getSpec().variables.put("baseUrl", SharedDemoTarget.url());
        return r;
    }

    TestRun create(TestRun r) {
        return client.resources(TestRun.class).inNamespace(NS).resource(r).create();
    }

    TestRun get(String name) {
        return client.resources(TestRun.class).inNamespace(NS).withName(name).get();
    }

    RunPhase phase(String name) {
        TestRun r = get(name);
        return r == null || r.getStatus() == null ? null : r.getStatus().phase;
    }

    Condition condition(TestRun r, String type) {
        return r.getStatus().conditions.stream().filter(c -> type.equals(c.getType())).findFirst().orElseThrow();
    }

    List<Job> jobs(String ns, int expected) {
        await().atMost(WAIT).until(() -> client.batch().v1().jobs().inNamespace(ns).list().getItems().size() == expected);
        return client.batch().v1().jobs().inNamespace(ns).list().getItems();
    }

    /** Provisions the environment as the kubelet would: the database first, then the API that depends on it. */
    String provision(String run) throws Exception {
        await().atMost(WAIT).until(() -> get(run).getStatus() != null && get(run).getStatus().namespace != null);
        String ns = get(run).getStatus().namespace;
        await().atMost(WAIT).until(() -> client.apps().deployments().inNamespace(ns).withName("orders-db").get() != null);
        assertThat(client.apps().deployments().inNamespace(ns).withName("orders-api").get())
                .as("orders-api depends on orders-db and waits for it").isNull();
        await().atMost(WAIT).until(() -> phase(run) == RunPhase.Provisioning);
        kubelet().markReady(ns, "orders-db");
        await().atMost(WAIT).until(() -> client.apps().deployments().inNamespace(ns).withName("orders-api").get() != null);
        kubelet().markReady(ns, "orders-api");
        return ns;
    }

    @Test
    void aRunWithThreeShardsSucceedsWithEveryResultInItsStatus() throws Exception {
        client.resources(TestSuite.class).inNamespace(NS).resource(suite("s-ok", 7)).create();
        client.resources(TestEnvironment.class).inNamespace(NS).resource(environment("e-ok", "5m")).create();
        TestRun r = run("ok", "s-ok", "e-ok", 3);
        r.getSpec().variables.put("region", "eu");
        create(r);
        String ns = provision("ok");
        assertThat(client.namespaces().withName(ns).get().getMetadata().getLabels())
                .containsEntry("pod-security.kubernetes.io/enforce", "baseline")
                .containsEntry("pod-security.kubernetes.io/warn", "baseline")
                .containsEntry("pod-security.kubernetes.io/audit", "baseline");
        assertThat(client.network().v1().networkPolicies().inNamespace(ns).withName("itf-run-isolation").get()
                .getSpec().getIngress().get(0).getFrom().get(1).getNamespaceSelector().getMatchLabels())
                .containsEntry("itf.dev/operator-namespace", "true");
        List<Job> jobs = jobs(ns, 3);
        await().atMost(WAIT).until(() -> phase("ok") == RunPhase.Running);
        Job first = jobs.get(0);
        assertThat(first.getSpec().getBackoffLimit()).isZero();
        assertThat(first.getSpec().getTemplate().getSpec().getContainers().get(0).getArgs())
                .contains("--var", "region=eu", "components.orders-api.url=http://orders-api:8080",
                        "components.orders-db.uri=postgresql://itf:$(ITF_COMPONENT_ORDERS_DB_PASSWORD)@orders-db:5432/test");
        assertThat(kubelet().env(first).get("ITF_COMPONENT_ORDERS_DB_PASSWORD")).hasSizeGreaterThan(20);
        for (Job job : jobs) {
            assertThat(kubelet().runShard(job, true, true)).isZero();
        }

        await().atMost(WAIT).until(() -> phase("ok") == RunPhase.Succeeded);
        TestRun done = get("ok");
        assertThat(done.getStatus().summary.total).isEqualTo(7);
        assertThat(done.getStatus().summary.passed).isEqualTo(7);
        assertThat(done.getStatus().failures).isEmpty();
        assertThat(done.getStatus().completionTime).isNotNull();
        assertThat(done.getStatus().reportUrl).endsWith("/dashboard/runs/team/ok");
        assertThat(condition(done, "Succeeded").getReason()).isEqualTo("AllCasesPassed");
        assertThat(condition(done, "EnvironmentReady").getStatus()).isEqualTo("True");
        assertThat(condition(done, "Completed").getStatus()).isEqualTo("True");
        assertThat(store.list(ResultsResource.key(done))).hasSize(7);
        assertThat(done.getMetadata().getFinalizers()).isNotEmpty();

        AccessReviews.install(server.getKubernetesMockServer());
        RestAssured.given().get("/api/v1/reports/team/ok").then().statusCode(401).header("WWW-Authenticate", "Bearer");
        RestAssured.given().header("Authorization", "Bearer " + AccessReviews.OUTSIDER).get("/api/v1/reports/team/ok").then().statusCode(403);
        RestAssured.given().header("Authorization", "Bearer " + AccessReviews.READER).get("/api/v1/reports/team/ok").then().statusCode(200)
                .body("summary.passed", org.hamcrest.Matchers.equalTo(7))
                .body("cases.size()", org.hamcrest.Matchers.equalTo(7));
        // status.reportUrl is the run's dashboard page; asked for JSON with the token it answers as the reports API
        String page = URI.create(done.getStatus().reportUrl).getPath();
        RestAssured.given().accept("application/json").get(page).then().statusCode(401).header("WWW-Authenticate", "Bearer");
        RestAssured.given().accept("application/json").header("Authorization", "Bearer " + AccessReviews.OUTSIDER).get(page).then().statusCode(403);
        RestAssured.given().accept("application/json").header("Authorization", "Bearer " + AccessReviews.READER).get(page).then().statusCode(200)
                .body("summary.passed", org.hamcrest.Matchers.equalTo(7));
        await().atMost(WAIT).until(() -> client.namespaces().withName(ns).get() == null);
        Set<String> reasons = new java.util.HashSet<>();
        await().atMost(WAIT).untilAsserted(() -> {
            reasons.clear();
            client.v1().events().inNamespace(NS).list().getItems().stream()
                    .filter(e -> "ok".equals(e.getInvolvedObject().getName())).forEach(e -> reasons.add(e.getReason()));
            assertThat(reasons).contains("Provisioning", "Running", "Succeeded");
        });
        String metrics = RestAssured.given().get("/q/metrics").asString();
        assertThat(metrics).contains("itf_testruns_total{phase=\"Succeeded\",suite=\"s-ok\"}")
                .contains("itf_testcases_total{result=\"passed\",suite=\"s-ok\"} 7.0")
                .contains("itf_testrun_duration_seconds_count{suite=\"s-ok\"}")
                .contains("itf_testruns_active")
                .doesNotContain("run=\"ok\"")
                .as("the operator SDK's meters are per controller, not per TestRun").doesNotContain("name=\"ok\"");
    }

    @Test
    void aFailingCaseFailsTheRunAndIsListedAndNotified() throws Exception {
        List<String> notified = new java.util.concurrent.CopyOnWriteArrayList<>();
        HttpServer hook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        hook.createContext("/hook", ex -> {
            notified.add(ex.getRequestHeaders().getFirst("Authorization") + " "
                    + new String(ex.getRequestBody().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
            ex.sendResponseHeaders(204, -1);
            ex.close();
        });
        hook.start();
        client.secrets().inNamespace(NS).resource(new SecretBuilder().withNewMetadata().withName("hook").endMetadata()
                .addToStringData("token", "hook-t0ken").build()).create();
        TestSuite failing = suite("s-fail", "/health", "/fail", "/health");
        failing.getSpec().compliance = List.of("gdpr");
        failing.getSpec().cases.get(0).controls = List.of("gdpr:art17");
        failing.getSpec().cases.get(1).controls = List.of("gdpr:art15");
        client.resources(TestSuite.class).inNamespace(NS).resource(failing).create();
        TestRun r = run("fail", "s-fail", null, 1);
        r.getSpec().notify.add(notify("http://127.0.0.1:" + hook.getAddress().getPort() + "/hook", "hook"));
        // a webhook that cannot be reached is logged and does not change how the run ends
        r.getSpec().notify.add(notify("http://127.0.0.1:1/down", null));
        r.getSpec().cleanup = new TestRunSpec.Cleanup();
        r.getSpec().cleanup.namespace = TestRunSpec.CleanupPolicy.OnSuccess;
        create(r);
        await().atMost(WAIT).until(() -> get("fail").getStatus() != null && get("fail").getStatus().namespace != null);
        String ns = get("fail").getStatus().namespace;
        Job job = jobs(ns, 1).get(0);
        assertThat(kubelet().runShard(job, true, true)).isEqualTo(1);
        await().atMost(WAIT).until(() -> phase("fail") == RunPhase.Failed);
        TestRun done = get("fail");
        assertThat(done.getStatus().summary.failed).isEqualTo(1);
        assertThat(done.getStatus().summary.passed).isEqualTo(2);
        assertThat(done.getStatus().failures).extracting(f -> f.id).containsExactly("API_002");
        assertThat(done.getStatus().failures.get(0).message).contains("500");
        assertThat(condition(done, "Succeeded").getReason()).isEqualTo("CasesFailed");
        assertThat(done.getStatus().compliance).singleElement().satisfies(c -> {
            assertThat(c.profile).isEqualTo("gdpr");
            assertThat(c.passed).as("art17 by a passing case").isEqualTo(1);
            assertThat(c.failed).as("art15 by the failing case").isEqualTo(1);
            assertThat(c.notTested).isEqualTo(6);
        });
        assertThat(RestAssured.given().get("/q/metrics").asString())
                .contains("itf_testcase_errors_total{kind=\"status\",suite=\"s-fail\"} 1.0");
        await().atMost(WAIT).until(() -> notified.size() == 1);
        hook.stop(0);
        assertThat(client.namespaces().withName(ns).get()).as("OnSuccess keeps a failed run's namespace").isNotNull();
        assertThat(notified.get(0)).startsWith("Bearer hook-t0ken ").contains("\"phase\":\"Failed\"")
                .contains("\"testRun\":\"fail\"").contains("API_002");
    }

    static TestRunSpec.Notify notify(String url, String secret) {
        TestRunSpec.Notify n = new TestRunSpec.Notify();
        n.webhook = new TestRunSpec.Webhook();
        n.webhook.url = url;
        n.webhook.secretRef = secret == null ? null : new dev.itf.api.SecretKeyRef(secret, null);
        return n;
    }

    @Test
    void aComponentThatCannotPullItsImageEndsTheRunAsErrorNamingIt() throws Exception {
        client.resources(TestSuite.class).inNamespace(NS).resource(suite("s-pull", 1)).create();
        client.resources(TestEnvironment.class).inNamespace(NS).resource(environment("e-pull", "2s")).create();
        create(run("pull", "s-pull", "e-pull", 1));
        await().atMost(WAIT).until(() -> get("pull").getStatus() != null && get("pull").getStatus().namespace != null);
        String ns = get("pull").getStatus().namespace;
        kubelet().stuckPod(ns, "orders-db", "ImagePullBackOff", "Back-off pulling image \"postgres:16\"");
        await().atMost(WAIT).until(() -> phase("pull") == RunPhase.Error);
        TestRun done = get("pull");
        Condition ready = condition(done, "EnvironmentReady");
        assertThat(ready.getStatus()).isEqualTo("False");
        assertThat(ready.getReason()).isEqualTo("ProvisioningTimeout");
        assertThat(ready.getMessage()).contains("component orders-db").contains("ImagePullBackOff").contains("postgres:16");
        assertThat(client.batch().v1().jobs().inNamespace(ns).list().getItems()).isEmpty();
    }

    @Test
    void aRunnerThatDiesWithoutAWordIsAnErrorNamingItsShard() throws Exception {
        client.resources(TestSuite.class).inNamespace(NS).resource(suite("s-dead", 4)).create();
        create(run("dead", "s-dead", null, 2));
        await().atMost(WAIT).until(() -> get("dead").getStatus() != null && get("dead").getStatus().namespace != null);
        String ns = get("dead").getStatus().namespace;
        List<Job> jobs = jobs(ns, 2);
        Job shard0 = jobs.stream().filter(j -> j.getMetadata().getName().equals(RunNames.runnerJob(0))).findFirst().orElseThrow();
        Job shard1 = jobs.stream().filter(j -> j.getMetadata().getName().equals(RunNames.runnerJob(1))).findFirst().orElseThrow();
        kubelet().runShard(shard0, true, true);
        kubelet().finishJob(shard1, false, null);
        await().atMost(WAIT).until(() -> phase("dead") == RunPhase.Error);
        Condition succeeded = condition(get("dead"), "Succeeded");
        assertThat(succeeded.getReason()).isEqualTo("RunnerFailed");
        assertThat(succeeded.getMessage()).contains("shard 1").contains("BackoffLimitExceeded");
    }

    @Test
    void aRunCompletesFromTerminationMessagesWhenNoResultArrived() throws Exception {
        client.resources(TestSuite.class).inNamespace(NS)
                .resource(suite("s-term", "/health", "/health", "http://127.0.0.1:1/refused", "/health")).create();
        create(run("term", "s-term", null, 2));
        await().atMost(WAIT).until(() -> get("term").getStatus() != null && get("term").getStatus().namespace != null);
        String ns = get("term").getStatus().namespace;
        for (Job job : jobs(ns, 2)) {
            kubelet().runShard(job, false, true);
        }
        await().atMost(WAIT).until(() -> phase("term") == RunPhase.Failed);
        TestRun done = get("term");
        assertThat(done.getStatus().summary.total).isEqualTo(4);
        assertThat(done.getStatus().summary.passed).isEqualTo(3);
        assertThat(done.getStatus().summary.errored).isEqualTo(1);
        assertThat(done.getStatus().failures).extracting(f -> f.id).containsExactly("API_003");
        assertThat(store.list(ResultsResource.key(done))).isEmpty();
    }

    @Test
    void aRunThatOutlivesItsTimeoutIsAnError() throws Exception {
        client.resources(TestSuite.class).inNamespace(NS).resource(suite("s-slow", 1)).create();
        TestRun r = run("slow", "s-slow", null, 1);
        r.getSpec().timeout = "3s";
        create(r);
        await().atMost(WAIT).until(() -> phase("slow") == RunPhase.Running);
        Job job = jobs(get("slow").getStatus().namespace, 1).get(0);
        assertThat(job.getSpec().getActiveDeadlineSeconds()).isBetween(1L, 3L);
        await().atMost(WAIT).until(() -> phase("slow") == RunPhase.Error);
        Condition succeeded = condition(get("slow"), "Succeeded");
        assertThat(succeeded.getReason()).isEqualTo("RunTimeout");
        assertThat(succeeded.getMessage()).contains("timeout of 3s").contains("cases were still running");
    }

    @Test
    void aMissingSuiteIsAnErrorThatNamesIt() {
        create(run("nosuite", "does-not-exist", null, 1));
        await().atMost(WAIT).until(() -> phase("nosuite") == RunPhase.Error);
        Condition resolved = condition(get("nosuite"), "Resolved");
        assertThat(resolved.getStatus()).isEqualTo("False");
        assertThat(resolved.getReason()).isEqualTo("SuiteNotFound");
        assertThat(resolved.getMessage()).contains("spec.suiteRef").contains("does-not-exist");
    }

    @Test
    void deletingARunningRunRemovesItsNamespace() throws Exception {
        client.resources(TestSuite.class).inNamespace(NS).resource(suite("s-del", 2)).create();
        create(run("del", "s-del", null, 1));
        await().atMost(WAIT).until(() -> get("del").getStatus() != null && get("del").getStatus().phase == RunPhase.Running);
        String ns = get("del").getStatus().namespace;
        assertThat(client.namespaces().withName(ns).get()).isNotNull();
        client.resources(TestRun.class).inNamespace(NS).withName("del").delete();
        await().atMost(WAIT).until(() -> get("del") == null);
        await().atMost(WAIT).until(() -> client.namespaces().withName(ns).get() == null);
    }

    @Test
    void aFinishedRunIsDeletedAfterItsTtl() throws Exception {
        client.resources(TestSuite.class).inNamespace(NS).resource(suite("s-ttl", 1)).create();
        TestRun r = run("ttl", "s-ttl", null, 1);
        r.getSpec().cleanup = new TestRunSpec.Cleanup();
        r.getSpec().cleanup.namespace = TestRunSpec.CleanupPolicy.Never;
        r.getSpec().cleanup.ttlSecondsAfterFinished = 2L;
        create(r);
        await().atMost(WAIT).until(() -> get("ttl").getStatus() != null && get("ttl").getStatus().namespace != null);
        String ns = get("ttl").getStatus().namespace;
        kubelet().runShard(jobs(ns, 1).get(0), true, true);
        await().atMost(WAIT).until(() -> phase("ttl") == RunPhase.Succeeded);
        assertThat(client.namespaces().withName(ns).get()).as("cleanup policy Never keeps the namespace while the run exists").isNotNull();
        await().atMost(WAIT).until(() -> get("ttl") == null);
        await().atMost(WAIT).until(() -> client.namespaces().withName(ns).get() == null);
    }

    @Test
    void theSweepRemovesNamespacesWhoseRunIsGone() throws Exception {
        client.resources(TestSuite.class).inNamespace(NS).resource(suite("s-live", 1)).create();
        create(run("live", "s-live", null, 1));
        await().atMost(WAIT).until(() -> get("live").getStatus() != null && get("live").getStatus().namespace != null);
        String live = get("live").getStatus().namespace;
        String orphan = "itf-gone-abcde";
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(orphan)
                .withLabels(Map.of("app.kubernetes.io/managed-by", "itf", "itf.dev/run-namespace", NS, "itf.dev/run", "gone"))
                .withAnnotations(Map.of(RunNames.ANNOTATION_RUN_NAME, "gone", RunNames.ANNOTATION_RUN_UID, UUID.randomUUID().toString()))
                .endMetadata().build()).create();
        String unrelated = "someone-else";
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(unrelated).endMetadata().build()).create();

        List<String> deleted = sweep.sweep();
        assertThat(deleted).contains(orphan).doesNotContain(live, unrelated);
        assertThat(client.namespaces().withName(orphan).get()).isNull();
        assertThat(client.namespaces().withName(live).get()).isNotNull();
        assertThat(client.namespaces().withName(unrelated).get()).isNotNull();
    }

    @Test
    void aMissingOrStolenTokenIsRefusedAndNothingIsStored() throws Exception {
        client.resources(TestSuite.class).inNamespace(NS).resource(suite("s-tok", 1)).create();
        create(run("tok-a", "s-tok", null, 1));
        create(run("tok-b", "s-tok", null, 1));
        await().atMost(WAIT).until(() -> phase("tok-a") == RunPhase.Running && phase("tok-b") == RunPhase.Running);
        String tokenA = FakeKubelet.secretValue(client.secrets().inNamespace(get("tok-a").getStatus().namespace)
                .withName(RunNames.TOKEN_SECRET).get(), RunNames.TOKEN_KEY);
        String body = "{\"caseId\":\"API_001\",\"attempt\":1,\"outcome\":\"passed\"}";

        RestAssured.given().body(body).contentType("application/json")
                .post("/api/v1/results/team/tok-b").then().statusCode(401);
        RestAssured.given().body(body).contentType("application/json").header("Authorization", "Bearer " + tokenA)
                .post("/api/v1/results/team/tok-b").then().statusCode(403);
        RestAssured.given().body(body).contentType("application/json").header("Authorization", "Bearer not-" + tokenA)
                .post("/api/v1/results/team/tok-a").then().statusCode(403);
        assertThat(store.list(ResultsResource.key(get("tok-b")))).isEmpty();
        assertThat(store.list(ResultsResource.key(get("tok-a")))).isEmpty();

        RestAssured.given().body("{not json").contentType("application/json").header("Authorization", "Bearer " + tokenA)
                .post("/api/v1/results/team/tok-a").then().statusCode(400);
        RestAssured.given().body("{\"caseId\":\"A\",\"attempt\":1,\"message\":\"" + "x".repeat(1_100_000) + "\"}")
                .contentType("application/json").header("Authorization", "Bearer " + tokenA)
                .post("/api/v1/results/team/tok-a").then().statusCode(413);
        RestAssured.given().body(body).contentType("application/json").header("Authorization", "Bearer " + tokenA)
                .post("/api/v1/results/team/tok-a").then().statusCode(200);
        RestAssured.given().body(body).contentType("application/json").header("Authorization", "Bearer " + tokenA)
                .post("/api/v1/results/team/tok-a").then().statusCode(200);
        assertThat(store.list(ResultsResource.key(get("tok-a")))).hasSize(1);
    }
}
