package dev.itf.operator;

import com.fasterxml.jackson.databind.JsonNode;
import dev.itf.api.LocalObjectRef;
import dev.itf.api.RunPhase;
import dev.itf.api.TestRun;
import dev.itf.api.TestRunSpec;
import dev.itf.api.TestSuite;
import dev.itf.json.Json;
import dev.itf.operator.results.AccessReviews;
import dev.itf.report.NpmTools;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import io.quarkus.test.kubernetes.client.KubernetesTestServer;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The dashboard in headless Chromium (Debian's, through Playwright) against the operator with the mock API server:
 * a person signs in with a token, sees a run appear and change phase live (no reload), opens its page and its reports,
 * and signs out. The test plays the kubelet, running the run's shard once the browser has seen it running.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
class DashboardBrowserTest {
    static final String PLAYWRIGHT = "1.58.2";
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Duration WAIT = Duration.ofSeconds(240);  // only catches a hang: a loaded 2-core machine is slow

    @KubernetesTestServer
    KubernetesServer server;
    @Inject
    KubernetesClient client;
    @TestHTTPResource("/")
    URL base;

    @Test
    void aPersonSignsInSeesARunGoLiveToItsEndAndOpensItsReports() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM), "Debian's chromium is not installed at " + CHROMIUM + " (.ci/run installs it)");
        NpmTools.ensure("playwright-core", PLAYWRIGHT);
        AccessReviews.install(server.getKubernetesMockServer());
        Path script = Path.of(getClass().getResource("/browser/dashboard-check.cjs").toURI());
        client.resources(TestSuite.class).inNamespace(TestRunLifecycleTest.NS)
                .resource(TestRunLifecycleTest.suite("dash-suite", "/health", "/health", "http://127.0.0.1:1/refused")).create();
        // a run the reader may not see: its namespace is outside what the SubjectAccessReview allows
        client.namespaces().resource(new io.fabric8.kubernetes.api.model.NamespaceBuilder().withNewMetadata()
                .withName(AccessReviews.PRIVATE + "-team").endMetadata().build()).create();
        client.resources(TestRun.class).inNamespace(AccessReviews.PRIVATE + "-team").resource(run(AccessReviews.PRIVATE + "-team", "hidden")).create();

        Path output = Files.createTempFile("itf-dashboard-browser", ".log");
        Path shots = Path.of("target", "dashboard-screenshots").toAbsolutePath();
        Files.createDirectories(shots);
        String origin = base.toString().replaceAll("/$", "");
        ProcessBuilder pb = new ProcessBuilder("node", script.toString(), origin, AccessReviews.READER, "not-a-token", "live", shots.toString())
                .redirectErrorStream(true).redirectOutput(output.toFile());
        pb.environment().put("NODE_PATH", NpmTools.DIR.resolve("node_modules").toString());
        pb.environment().put("CHROMIUM", CHROMIUM.toString());
        Process browser = pb.start();
        try {
            await().atMost(WAIT).until(() -> log(output).contains("SIGNED_IN") || !browser.isAlive());
            assertThat(log(output)).contains("SIGNED_IN");
            client.resources(TestRun.class).inNamespace(TestRunLifecycleTest.NS).resource(run(TestRunLifecycleTest.NS, "live")).create();
            await().atMost(WAIT).until(() -> phase() != null && phase().namespace != null);
            String ns = phase().namespace;
            await().atMost(WAIT).until(() -> client.batch().v1().jobs().inNamespace(ns).list().getItems().size() == 1);
            await().atMost(WAIT).until(() -> log(output).contains("PHASE Running") || !browser.isAlive());
            Job job = client.batch().v1().jobs().inNamespace(ns).list().getItems().get(0);
            new FakeKubelet(client, base.toURI()).runShard(job, true, true);
            await().atMost(WAIT).until(() -> phase().phase == RunPhase.Failed);
            assertThat(browser.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)).as(log(output)).isTrue();
        } finally {
            browser.destroyForcibly();
        }
        String log = log(output);
        String last = log.lines().filter(l -> l.startsWith("{")).reduce((a, b) -> b).orElseThrow(() -> new AssertionError(log));
        JsonNode seen = Json.MAPPER.readTree(last);
        assertThat(seen.path("error").asText()).as(log).isEmpty();

        assertThat(seen.get("redirectedTo").asText()).isEqualTo("/dashboard/sign-in");
        assertThat(seen.get("badTokenError").asText()).contains("does not accept this token");
        assertThat(seen.get("user").asText()).isEqualTo("system:serviceaccount:team:reader");
        // the token is kept nowhere the page's scripts reach; the session cookie is HttpOnly
        assertThat(seen.get("documentCookie").asText()).isEmpty();
        assertThat(seen.get("storage").asText()).doesNotContain(AccessReviews.READER);
        assertThat(seen.get("cookie").get(0).get("httpOnly").asBoolean()).isTrue();
        assertThat(seen.get("cookie").get(0).get("sameSite").asText()).isEqualTo("Lax");
        assertThat(seen.get("tokenInUrl").asInt()).isZero();

        // the run appeared and went through its phases on the open page, without a reload
        List<String> phases = Json.MAPPER.convertValue(seen.get("phases"), Json.MAPPER.getTypeFactory().constructCollectionType(List.class, String.class));
        assertThat(phases).contains("Running").endsWith("Failed");
        assertThat(seen.get("reloaded").asBoolean()).isFalse();
        assertThat(seen.get("row").asText()).contains("team", "live", "dash-suite", "Failed", "66.7%");
        assertThat(seen.get("keys").toString()).contains("team/live").doesNotContain("hidden");

        // the run's page and every report
        assertThat(seen.get("runPhase").asText()).isEqualTo("Failed");
        assertThat(seen.get("total").asText()).isEqualTo("3");
        assertThat(seen.get("cases").asInt()).isEqualTo(3);
        assertThat(seen.get("failures").asInt()).isEqualTo(1);
        assertThat(seen.get("failureText").asText()).contains("API_003", "connection");
        for (String format : List.of("json", "junit", "allure", "html", "pdf", "sarif")) {
            JsonNode d = seen.at("/downloads/" + format);
            assertThat(d.get("status").asInt()).as(format).isEqualTo(200);
            assertThat(d.get("bytes").asInt()).as(format).isGreaterThan(100);
            assertThat(d.get("disposition").asText()).as(format).startsWith("attachment; filename=\"live-");
        }
        assertThat(seen.at("/downloads/pdf/type").asText()).isEqualTo("application/pdf");
        assertThat(seen.at("/downloads/allure/type").asText()).isEqualTo("application/zip");
        assertThat(seen.get("reportVerdict").asText()).isEqualTo("FAILED");
        assertThat(seen.get("reportTotal").asText()).isEqualTo("3");
        assertThat(seen.get("suiteHeading").asText()).contains("dash-suite");
        assertThat(seen.get("suiteRuns").asInt()).isEqualTo(1);
        assertThat(seen.get("afterSignOut").asInt()).isEqualTo(401);
        assertThat(seen.get("offSite").asInt()).isZero();
        assertThat(seen.get("consoleErrors")).as("script errors in the page").isEmpty();
    }

    private TestRunStatusView phase() {
        TestRun r = client.resources(TestRun.class).inNamespace(TestRunLifecycleTest.NS).withName("live").get();
        return r == null || r.getStatus() == null ? null : new TestRunStatusView(r.getStatus().phase, r.getStatus().namespace);
    }

    private record TestRunStatusView(RunPhase phase, String namespace) {
    }

    private static TestRun run(String namespace, String name) {
        TestRun r = new TestRun();
        r.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace).build());
        r.setSpec(new TestRunSpec());
        r.getSpec().suiteRef = new LocalObjectRef("dash-suite");
        r.getSpec().parallelism = 1;
        r.getSpec().timeout = "5m";
        r.getSpec().variables.put("baseUrl", SharedDemoTarget.url());
        return r;
    }

    private static String log(Path output) {
        try {
            return Files.readString(output, StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            return "";
        }
    }
}
