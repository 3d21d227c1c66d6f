package dev.itf.runner.data;

import dev.itf.json.Json;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.itf.api.SqlAction;
import dev.itf.runner.Redactor;
import dev.itf.runner.RunResources;
import dev.itf.runner.StepResponse;
import dev.itf.runner.TestStepContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

class SqlStepTest {

    static final String POSTGRES = "postgresql://postgres@127.0.0.1:5432/test";
    static final String MARIADB = "mariadb://root@127.0.0.1:3306/test";
    static final String MYSQL_SCHEME_ON_MARIADB = "mysql://root@127.0.0.1:3306/test";
    static final ObjectMapper YAML = Json.YAML;

    RunResources resources;
    TestStepContext ctx;
    String table;

    @BeforeEach
    void open() {
        resources = new RunResources();
        ctx = new TestStepContext(resources, new Redactor());
        table = "itf_orders_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }

    @AfterEach
    void close() {
        resources.close();
        assertThat(resources.open()).isZero();
    }

    static String jdbc(String uri) {
        return "jdbc:" + uri.replace("postgresql://postgres@", "postgresql://").replace("://root@", "://") + (uri.startsWith("postgresql") ? "?user=postgres" : "?user=root");
    }

    static void admin(String uri, String sql) throws Exception {
        try (Connection c = dev.itf.TestJdbc.connect(jdbc(uri), null); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    StepResponse sql(String yaml) throws Exception {
        return new SqlStep(YAML.readValue(yaml, SqlAction.class)).execute(ctx);
    }

    @ParameterizedTest
    @ValueSource(strings = {POSTGRES, MARIADB, MYSQL_SCHEME_ON_MARIADB})
    void rowsBecomeJsonObjectsWithBoundParameters(String uri) throws Exception {
        ctx.var("components.db.uri", uri).var("id", "2");
        admin(uri, "create table " + table + " (id int primary key, status varchar(20), amount decimal(8,2), note varchar(20))");
        try {
            sql("{component: db, query: \"insert into " + table + " values (1, 'NEW', 10.50, null), (2, 'CONFIRMED', 3, 'x')\"}");
            StepResponse r = sql("{component: db, query: 'select id, status as state, amount, note from " + table
                    + " where id = ?', params: ['${id}']}");
            assertThat(r.json()).hasSize(1);
            assertThat(r.json().get(0).get("id").asInt()).isEqualTo(2);
            assertThat(r.json().get(0).get("id").isNumber()).isTrue();
            assertThat(r.json().get(0).get("state").asText()).isEqualTo("CONFIRMED");
            assertThat(r.json().get(0).get("amount").decimalValue()).isEqualByComparingTo("3");
            assertThat(r.body()).startsWith("[{");

            StepResponse none = sql("{component: db, query: 'select * from " + table + " where id = ? or status = ?', params: ['0', \"x' or '1'='1\"]}");
            assertThat(none.json()).isEmpty();
            assertThat(sql("{component: db, query: 'select * from " + table + " where note is null'}").json().get(0).get("note").isNull()).isTrue();
            assertThat(sql("{component: db, query: 'update " + table + " set status = ? where id = ?', params: [DONE, '1']}")
                    .json().get("updated").asInt()).isEqualTo(1);
        } finally {
            admin(uri, "drop table " + table);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {POSTGRES, MARIADB})
    void withinPollsUntilAnotherWriterCatchesUp(String uri) throws Exception {
        ctx.var("components.db.uri", uri);
        admin(uri, "create table " + table + " (id int primary key, status varchar(20))");
        try {
            ctx.check(r -> r.json().size() == 1 ? List.of() : List.of("rows: expected 1, got " + r.json().size()));
            CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
                try {
                    admin(uri, "insert into " + table + " values (7, 'CONFIRMED')");
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, CompletableFuture.delayedExecutor(1, TimeUnit.SECONDS));
            long start = System.nanoTime();
            StepResponse r = sql("{component: db, query: 'select status from " + table + " where id = 7', within: 10s}");
            writer.join();
            assertThat(r.json()).hasSize(1);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(900), Duration.ofSeconds(8));
            assertThat(ctx.lines).anyMatch(l -> l.startsWith("expectations held on attempt "));

            StepResponse last = sql("{component: db, query: 'select status from " + table + " where id = 8', within: 600ms}");
            assertThat(last.json()).isEmpty();
            assertThat(last.duration()).isGreaterThanOrEqualTo(Duration.ofMillis(600));
        } finally {
            admin(uri, "drop table " + table);
        }
    }

    static Stream<Arguments> databasesAndTimeouts() {
        return Stream.of(POSTGRES, MARIADB, MYSQL_SCHEME_ON_MARIADB).flatMap(uri ->
                Stream.of("PT1S", "PT30S", "PT10M", "PT1000H").map(t -> Arguments.of(uri, Duration.parse(t))));
    }

    /** Connect, login and query timeouts come from the step timeout in each driver's own unit; none may overflow. */
    @ParameterizedTest
    @MethodSource("databasesAndTimeouts")
    void anyStepTimeoutConnectsAndQueries(String uri, Duration timeout) {
        ctx.var("components.db.uri", uri).timeout(timeout);
        // a bound that only catches a hang on the long timeout, not a speed check
        StepResponse r = assertTimeoutPreemptively(Duration.ofSeconds(60),
                () -> sql("{component: db, query: 'select ? as answer', params: ['42']}"));
        assertThat(r.json().get(0).get("answer").asText()).isEqualTo("42");
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgresql", "mariadb", "mysql"})
    void unreachableDatabaseErrorsNamingAddressAndCauseNeverThePassword(String scheme) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        ctx.var("components.db.uri", scheme + "://itf:s3cret-pw@127.0.0.1:" + port + "/test").timeout(Duration.ofSeconds(3));
        long start = System.nanoTime();
        assertThatThrownBy(() -> sql("{component: db, query: 'select 1'}"))
                .hasMessageContaining("cannot connect to")
                .hasMessageContaining("127.0.0.1:" + port)
                .hasMessageContainingAll("efused")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("s3cret-pw"));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void badSqlErrorsWithTheDatabaseMessage() {
        ctx.var("components.db.uri", POSTGRES);
        assertThatThrownBy(() -> sql("{component: db, query: 'select * from " + table + "'}"))
                .hasMessageContaining("PostgreSQL at 127.0.0.1:5432")
                .hasMessageContaining("does not exist");
    }

    @Test
    void manyCasesLeaveNoConnectionOpenAfterTheRun() throws Exception {
        String app = "itf-leak-" + UUID.randomUUID().toString().substring(0, 8);
        int baseline = sessions(app);
        ctx.var("components.db.uri", POSTGRES + "?ApplicationName=" + app);
        List<CompletableFuture<StepResponse>> parallel = new java.util.ArrayList<>();
        for (int i = 0; i < 40; i++) {
            int n = i;
            parallel.add(CompletableFuture.supplyAsync(() -> {
                try {
                    return sql("{component: db, query: 'select ? as n', params: ['" + n + "']}");
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        parallel.forEach(CompletableFuture::join);
        assertThat(resources.open()).isEqualTo(1);
        assertThat(sessions(app)).isGreaterThan(baseline);
        resources.close();
        assertThat(resources.open()).isZero();
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> sessions(app) == baseline);
    }

    static int sessions(String app) throws Exception {
        return SqlSessions.count(app);
    }
}
