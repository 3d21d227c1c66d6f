package dev.itf.operator.results;

import com.sun.net.httpserver.HttpServer;
import dev.itf.api.TestRun;
import dev.itf.json.Json;
import dev.itf.operator.Leadership;
import dev.itf.results.Outcome;
import dev.itf.runner.ResultPusher;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static dev.itf.results.CaseResults.result;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A store that is down delays results and never loses one the endpoint acknowledged: the results endpoint answers 503
 * while PostgreSQL cannot be reached, the runner's pusher keeps sending with backoff, and once the database is back
 * every result is stored, each once.
 */
class StoreDownTest {
    private static final String NS = "team";
    private static final String SCHEMA = PostgresResultStoreTest.SCHEMA;

    private KubernetesMockServer server;
    private KubernetesClient client;
    private HttpServer endpoint;
    private TcpProxy database;
    private final List<Integer> answers = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        try (Connection c = dev.itf.TestJdbc.connect(PostgresResultStoreTest.URL, "postgres"); Statement st = c.createStatement()) {
            st.execute("drop schema if exists " + SCHEMA + " cascade");
        }
        database = new TcpProxy("127.0.0.1", 5432);
        server = AccessReviews.started();
        client = AccessReviews.client(server);
        TestRun run = Json.MAPPER.convertValue(Map.of("apiVersion", "itf.dev/v1alpha1", "kind", "TestRun",
                "metadata", Map.of("name", "run-1", "namespace", NS, "uid", "uid-1"),
                "spec", Map.of("suiteRef", Map.of("name", "s"))), TestRun.class);
        server.expect().get().withPath("/apis/itf.dev/v1alpha1/namespaces/" + NS + "/testruns/run-1").andReturn(200, run).always();
    }

    @AfterEach
    void stop() throws Exception {
        if (endpoint != null) {
            endpoint.stop(0);
        }
        database.close();
        client.close();
        server.destroy();
    }

    /** The results endpoint over HTTP, as the runner reaches it, in front of a PostgreSQL store behind the proxy. */
    private ResultStore serve() throws Exception {
        ResultStore store = new PostgresResultStore("jdbc:postgresql://127.0.0.1:" + database.port() + "/test", "postgres", null,
                SCHEMA, Json.MAPPER);
        RunTokens tokens = new RunTokens();
        tokens.remember(NS, "run-1", "uid-1", "run-token");
        tokens.markComplete();
        ResultsResource resource = new ResultsResource(client, store, tokens,
                new ReportAccess(client, Clock.systemUTC(), "kubernetes", Duration.ofSeconds(30), 100),
                new RunResults(store), new RunWakeUps(Duration.ofSeconds(1)), new Leadership(), new CachedRuns(),
                new dev.itf.operator.usage.ComponentUsage(client, new dev.itf.operator.Events(client, java.util.Optional.empty()), Clock.systemUTC(), Duration.ofSeconds(5)), 1 << 20);
        endpoint = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        endpoint.createContext("/api/v1/results/" + NS + "/run-1", ex -> {
            Response r = resource.post(NS, "run-1", ex.getRequestHeaders().getFirst("Authorization"), ex.getRequestBody().readAllBytes());
            answers.add(r.getStatus());
            byte[] body = String.valueOf(r.getEntity()).getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(r.getStatus(), body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        endpoint.start();
        return store;
    }

    @Test
    void theEndpointAnswers503WhileTheStoreIsDownAndTheRunnersResultsArriveWhenItIsBack() throws Exception {
        ResultStore store = serve();
        database.down();
        StringWriter err = new StringWriter();
        URI url = URI.create("http://127.0.0.1:" + endpoint.getAddress().getPort() + "/api/v1/results/" + NS + "/run-1");
        ResultPusher pusher = new ResultPusher(url, "run-token", Duration.ofMillis(50), Duration.ofSeconds(60), new PrintWriter(err, true));
        for (int i = 1; i <= 5; i++) {
            pusher.caseFinished(result("API_00" + i, 1, Outcome.PASSED, null));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> answers.stream().filter(s -> s == 503).count() >= 3);
        assertThat(answers).as("nothing is acknowledged while the store is down").doesNotContain(200);

        database.up();
        assertThat(pusher.finish()).as("every result acknowledged once the store is back: " + err).isTrue();
        assertThat(answers).contains(200);
        assertThat(store.list(new RunKey(NS, "run-1", "uid-1"))).extracting(r -> r.caseId)
                .containsExactly("API_001", "API_002", "API_003", "API_004", "API_005");
    }
}
