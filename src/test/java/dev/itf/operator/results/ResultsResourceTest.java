package dev.itf.operator.results;

import dev.itf.api.TestRun;
import dev.itf.json.Json;
import dev.itf.operator.Leadership;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The results endpoint checks a runner's token against what it holds in memory before it asks the API server
 * anything, and the reports endpoint decides access before it looks the run up: the mock API server counts requests.
 */
class ResultsResourceTest {
    private static final String NS = "team";
    private static final byte[] RESULT = "{\"caseId\":\"API_001\",\"attempt\":1,\"outcome\":\"passed\"}".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;
    private KubernetesMockServer server;
    private KubernetesClient client;
    private RunTokens tokens;

    @BeforeEach
    void start() {
        server = AccessReviews.started();
        client = AccessReviews.client(server);
        tokens = new RunTokens();
        tokens.remember(NS, "run-1", "uid-1", "right-token");
    }

    @AfterEach
    void stop() {
        client.close();
        server.destroy();
    }

    private ResultsResource resource(String reportsAuth) {
        FileResultStore store = new FileResultStore(dir, Json.MAPPER);
        return new ResultsResource(client, store, tokens,
                new ReportAccess(client, Clock.systemUTC(), reportsAuth, Duration.ofSeconds(30), 100),
                new RunResults(store), new RunWakeUps(Duration.ofSeconds(1)), new Leadership(), new CachedRuns(),
                new dev.itf.operator.usage.ComponentUsage(client, new dev.itf.operator.Events(client, java.util.Optional.empty()), Clock.systemUTC(), Duration.ofSeconds(5)), 1 << 20);
    }

    private void serveRun(String name, String uid) {
        TestRun run = Json.MAPPER.convertValue(java.util.Map.of("apiVersion", "itf.dev/v1alpha1", "kind", "TestRun",
                "metadata", java.util.Map.of("name", name, "namespace", NS, "uid", uid),
                "spec", java.util.Map.of("suiteRef", java.util.Map.of("name", "s"))), TestRun.class);
        server.expect().get().withPath("/apis/itf.dev/v1alpha1/namespaces/" + NS + "/testruns/" + name).andReturn(200, run).always();
    }

    @Test
    void aWrongTokenOrAnUnknownRunIsRefusedAlikeWithoutAnyApiCall() {
        tokens.markComplete();
        ResultsResource resource = resource("kubernetes");
        Response wrong = resource.post(NS, "run-1", "Bearer wrong-token", RESULT);
        Response unknown = resource.post(NS, "no-such-run", "Bearer right-token", RESULT);
        Response missing = resource.post(NS, "run-1", null, RESULT);

        assertThat(wrong.getStatus()).isEqualTo(403);
        assertThat(unknown.getStatus()).isEqualTo(403);
        assertThat(unknown.getEntity()).isEqualTo(wrong.getEntity());
        assertThat(missing.getStatus()).isEqualTo(401);
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void untilEveryTokenSecretIsReadAnUnknownTokenIsToldToComeBack() {
        Response early = resource("kubernetes").post(NS, "run-1", "Bearer wrong-token", RESULT);
        assertThat(early.getStatus()).isEqualTo(503);
        assertThat(early.getHeaderString("Retry-After")).isEqualTo("1");
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void theRightTokenIsStoredAndTheTokenOfAnEarlierRunOfTheSameNameIsRefused() {
        tokens.markComplete();
        serveRun("run-1", "uid-1");
        assertThat(resource("kubernetes").post(NS, "run-1", "Bearer right-token", RESULT).getStatus()).isEqualTo(200);

        tokens.remember(NS, "run-2", "uid-of-a-deleted-run", "old-token");
        serveRun("run-2", "uid-2");
        assertThat(resource("kubernetes").post(NS, "run-2", "Bearer old-token", RESULT).getStatus()).isEqualTo(403);
    }

    @Test
    void reportsNeedATokenWhoseIdentityMayGetTheRunAndUnknownRunsLookAlikeToOthers() throws Exception {
        serveRun("run-1", "uid-1");
        ResultsResource resource = resource("kubernetes");

        Response none = resource.report(NS, "run-1", null);
        assertThat(none.getStatus()).isEqualTo(401);
        assertThat(none.getHeaderString("WWW-Authenticate")).isEqualTo("Bearer");
        assertThat(resource.report(NS, "run-1", "Bearer forged-token").getStatus()).isEqualTo(401);
        assertThat(resource.report(NS, "no-such-run", "Bearer forged-token").getStatus()).isEqualTo(401);
        assertThat(resource.report(NS, "run-1", "Bearer " + AccessReviews.OUTSIDER).getStatus()).isEqualTo(403);
        assertThat(resource.report(NS, "no-such-run", "Bearer " + AccessReviews.OUTSIDER).getStatus()).isEqualTo(403);
        assertThat(resource.report(NS, "run-1", "Bearer " + AccessReviews.BROKEN).getStatus()).isEqualTo(503);

        Response allowed = resource.report(NS, "run-1", "Bearer " + AccessReviews.READER);
        assertThat(allowed.getStatus()).isEqualTo(200);
        assertThat(Json.MAPPER.readTree((String) allowed.getEntity()).path("suite").asText()).isEqualTo("s");
        assertThat(resource.report(NS, "no-such-run", "Bearer " + AccessReviews.READER).getStatus()).isEqualTo(404);
    }

    @Test
    void withReportsAuthNoneAnyoneReadsReports() throws Exception {
        serveRun("run-1", "uid-1");
        assertThat(resource("none").report(NS, "run-1", null).getStatus()).isEqualTo(200);
        assertThat(AccessReviews.tokenReviews("")).isZero();
    }
}
