package dev.itf.operator.results;

import dev.itf.json.Json;
import dev.itf.results.Outcome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static dev.itf.results.CaseResults.result;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The PostgreSQL store against the PostgreSQL server on localhost, in a schema of its own that each test starts without. */
class PostgresResultStoreTest extends ResultStoreContract {
    static final String URL = "jdbc:postgresql://127.0.0.1:5432/test";
    static final String SCHEMA = "itf_store_test";
    private static final String PASSWORD = "pw-that-must-not-show";

    private TcpProxy proxy;

    @BeforeEach
    void freshSchema() throws Exception {
        try (Connection c = dev.itf.TestJdbc.connect(URL, "postgres"); Statement st = c.createStatement()) {
            st.execute("drop schema if exists " + SCHEMA + " cascade");
        }
        proxy = new TcpProxy("127.0.0.1", 5432);
    }

    @AfterEach
    void stopProxy() throws IOException {
        proxy.close();
    }

    @Override
    ResultStore store() {
        return new PostgresResultStore(URL, "postgres", PASSWORD, SCHEMA, Json.MAPPER);
    }

    @Override
    String secretInConfiguration() {
        return PASSWORD;
    }

    /** A store reached through the proxy, which the test takes down and brings back. */
    private PostgresResultStore proxied() {
        return new PostgresResultStore("jdbc:postgresql://127.0.0.1:" + proxy.port() + "/test?password=" + PASSWORD,
                "postgres", PASSWORD, SCHEMA, Json.MAPPER);
    }

    @Test
    void createsItsTablesWithFlywayOnFirstUseAndMigratesOnce() throws Exception {
        store().putAll(run, List.of(result("API_001", 1, Outcome.PASSED, null)));
        store().putAll(run, List.of(result("API_002", 1, Outcome.PASSED, null)));
        List<String> applied = new ArrayList<>();
        List<String> tables = new ArrayList<>();
        try (Connection c = dev.itf.TestJdbc.connect(URL, "postgres"); Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("select version, success from " + SCHEMA + ".flyway_schema_history where version is not null")) {
                while (rs.next()) {
                    applied.add(rs.getString(1) + ":" + rs.getBoolean(2));
                }
            }
            try (ResultSet rs = st.executeQuery("select table_name from information_schema.tables where table_schema = '"
                    + SCHEMA + "' order by table_name")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
        }
        assertThat(applied).containsExactly("1:true", "2:true");
        assertThat(tables).containsExactly("case_results", "finished_runs", "flyway_schema_history");
    }

    @Test
    void aSchemaDroppedUnderARunningStoreIsCreatedAgainOnTheNextUse() throws Exception {
        ResultStore store = store();
        store.putAll(run, List.of(result("API_001", 1, Outcome.PASSED, null)));
        try (Connection c = dev.itf.TestJdbc.connect(URL, "postgres"); Statement st = c.createStatement()) {
            st.execute("drop schema " + SCHEMA + " cascade");
        }
        assertThatThrownBy(() -> store.list(run)).as("the use that finds the tables gone").isInstanceOf(IOException.class);
        store.putAll(run, List.of(result("API_002", 1, Outcome.PASSED, null)));
        assertThat(store.list(run)).extracting(r -> r.caseId).containsExactly("API_002");
    }

    @Test
    void theMigrationsListNamesEveryFileOfTheDirectory() throws Exception {
        try (var files = java.nio.file.Files.list(java.nio.file.Path.of("src/main/resources", StoreMigrations.DIRECTORY))) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted().toList()).isEqualTo(StoreMigrations.FILES);
        }
    }

    @Test
    void aDatabaseDownAtStartAndInBetweenDelaysAndLosesNothingAcknowledged() throws Exception {
        proxy.down();
        PostgresResultStore store = proxied();
        assertThatThrownBy(() -> store.putAll(run, List.of(result("API_001", 1, Outcome.PASSED, null))))
                .as("a database that is down when the operator starts: the first use fails, it is not fatal")
                .isInstanceOf(IOException.class)
                .hasMessageContaining("postgresql jdbc:postgresql://127.0.0.1:" + proxy.port() + "/test")
                .message().doesNotContain(PASSWORD);

        proxy.up();
        store.putAll(run, List.of(result("API_001", 1, Outcome.PASSED, null)));
        proxy.down();
        assertThatThrownBy(() -> store.putAll(run, List.of(result("API_002", 1, Outcome.PASSED, null))))
                .isInstanceOf(IOException.class).message().doesNotContain(PASSWORD);
        assertThatThrownBy(() -> store.list(run)).isInstanceOf(IOException.class);

        proxy.up();
        store.putAll(run, List.of(result("API_002", 1, Outcome.PASSED, null)));
        assertThat(store.list(run)).extracting(r -> r.caseId).containsExactly("API_001", "API_002");
        assertThat(store().list(run)).as("read directly, not through the proxy").hasSize(2);
    }
}
