package dev.itf.operator;

import com.sun.net.httpserver.HttpServer;
import dev.itf.api.RunPhase;
import dev.itf.api.TestRun;
import dev.itf.api.TestSuite;
import dev.itf.operator.results.FinishedRun;
import dev.itf.operator.results.PostgresResultStore;
import dev.itf.operator.results.ResultStore;
import dev.itf.operator.results.ResultsResource;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The operator with results.store postgresql: runs' results travel from the runner through the results endpoint into
 * PostgreSQL tables the operator created with Flyway, finished runs join the history there, and a success after a
 * failed run of the suite sends Recovered.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@TestProfile(PostgresStoreOperatorTest.Postgres.class)
class PostgresStoreOperatorTest {
    static final String SCHEMA = "itf_store_test_operator";
    static final Duration WAIT = TestRunLifecycleTest.WAIT;

    public static class Postgres implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("itf.results.store", "postgresql",
                    "itf.results.postgresql.url", "jdbc:postgresql://127.0.0.1:5432/test",
                    "itf.results.postgresql.username", "postgres",
                    "itf.results.postgresql.schema", SCHEMA);
        }
    }

    static Connection connect() throws java.sql.SQLException {
        org.postgresql.ds.PGSimpleDataSource ds = new org.postgresql.ds.PGSimpleDataSource();
        ds.setURL("jdbc:postgresql://127.0.0.1:5432/test");
        ds.setUser("postgres");
        return ds.getConnection();
    }

    @org.junit.jupiter.api.BeforeAll
    static void freshSchema() throws Exception {
        // the operator touches the database first when results arrive, after this
        try (Connection c = connect(); Statement st = c.createStatement()) {
            st.execute("drop schema if exists " + SCHEMA + " cascade");
        }
    }

    @Inject
    KubernetesClient client;
    @Inject
    ResultStore store;
    @TestHTTPResource("/")
    URL base;

    private TestRun runOf(String name, String suite) {
        TestRunLifecycleTest helper = new TestRunLifecycleTest();
        TestRun r = helper.run(name, suite, null, 1);
        return client.resources(TestRun.class).inNamespace(TestRunLifecycleTest.NS).resource(r).create();
    }

    private RunPhase phase(String name) {
        TestRun r = client.resources(TestRun.class).inNamespace(TestRunLifecycleTest.NS).withName(name).get();
        return r == null || r.getStatus() == null ? null : r.getStatus().phase;
    }

    private int runShard(String name) throws Exception {
        await().atMost(WAIT).until(() -> {
            TestRun r = client.resources(TestRun.class).inNamespace(TestRunLifecycleTest.NS).withName(name).get();
            return r.getStatus() != null && r.getStatus().namespace != null
                    && !client.batch().v1().jobs().inNamespace(r.getStatus().namespace).list().getItems().isEmpty();
        });
        String ns = client.resources(TestRun.class).inNamespace(TestRunLifecycleTest.NS).withName(name).get().getStatus().namespace;
        Job job = client.batch().v1().jobs().inNamespace(ns).list().getItems().get(0);
        return new FakeKubelet(client, base.toURI()).runShard(job, true, true);
    }

    @Test
    void resultsAndHistoryLiveInPostgresqlAndASuccessAfterAFailureIsRecovered() throws Exception {
        List<String> received = new CopyOnWriteArrayList<>();
        HttpServer hook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        hook.createContext("/", ex -> {
            received.add(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            ex.sendResponseHeaders(204, -1);
            ex.close();
        });
        hook.start();
        try {
            assertThat(store).isInstanceOf(PostgresResultStore.class);
            client.resources(TestSuite.class).inNamespace(TestRunLifecycleTest.NS)
                    .resource(TestRunLifecycleTest.suite("s-pg", "/health", "/fail")).create();
            TestRun failing = runOf("pg-1", "s-pg");
            assertThat(runShard("pg-1")).isEqualTo(1);
            await().atMost(WAIT).until(() -> phase("pg-1") == RunPhase.Failed);
            await().atMost(WAIT).until(() -> store.history().stream().anyMatch(f -> f.name().equals("pg-1")));

            client.resources(TestSuite.class).inNamespace(TestRunLifecycleTest.NS).withName("s-pg")
                    .edit(s -> {
                        s.setSpec(TestRunLifecycleTest.suite("s-pg", "/health", "/health").getSpec());
                        return s;
                    });
            TestRun second = new TestRunLifecycleTest().run("pg-2", "s-pg", null, 1);
            second.getSpec().notify.add(TestRunLifecycleTest.notify("http://127.0.0.1:" + hook.getAddress().getPort() + "/hook", null));
            second.getSpec().notify.get(0).on = List.of("Recovered");
            client.resources(TestRun.class).inNamespace(TestRunLifecycleTest.NS).resource(second).create();
            assertThat(runShard("pg-2")).isZero();
            await().atMost(WAIT).until(() -> phase("pg-2") == RunPhase.Succeeded);
            await().atMost(WAIT).until(() -> received.size() == 1);
            assertThat(received.get(0)).contains("\"type\":\"dev.itf.testrun.finished\"").contains("\"recovered\":true")
                    .contains("\"testRun\":\"pg-2\"");

            assertThat(store.list(ResultsResource.key(failing))).extracting(r -> r.caseId + " " + r.outcome)
                    .containsExactly("API_001 PASSED", "API_002 FAILED");
            await().atMost(WAIT).until(() -> store.history().size() == 2);
            // completion times have a resolution of a second, and both runs may finish within one: then their order
            // in the history is a tie, so only the entries are asserted here (the order is the contract tests')
            assertThat(store.history()).extracting(FinishedRun::name, FinishedRun::phase)
                    .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("pg-2", "Succeeded"), org.assertj.core.groups.Tuple.tuple("pg-1", "Failed"));
            try (Connection c = connect();
                 Statement st = c.createStatement();
                 var rs = st.executeQuery("select count(*) from " + SCHEMA + ".case_results")) {
                rs.next();
                assertThat(rs.getInt(1)).as("four case results in the table").isEqualTo(4);
            }
        } finally {
            hook.stop(0);
        }
    }
}
