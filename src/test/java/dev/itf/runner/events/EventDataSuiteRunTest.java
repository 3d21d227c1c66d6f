package dev.itf.runner.events;

import dev.itf.cli.ItfCommand;
import dev.itf.report.JsonReport;
import dev.itf.results.CaseResult;
import dev.itf.results.Outcome;
import dev.itf.results.RunResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** A whole suite with publish, expectMessage, sql, redis and wait steps through {@code itf run}, against the real services. */
class EventDataSuiteRunTest {

    static final String SUITE = """
            apiVersion: itf.dev/v1alpha1
            kind: TestSuite
            metadata: {name: events-and-data}
            spec:
              defaults: {timeout: 20s}
              cases:
                - id: EV_001
                  title: an event published before the expectMessage step is seen, then data is written and read back
                  steps:
                    - sql: {component: orders-db, query: "create table ${table} (id varchar(40) primary key, status varchar(20))"}
                    - publish:
                        component: events
                        destination: "amq.topic/orders.${run}.created"
                        headers: {x-correlation-id: "cid-${run}"}
                        body: {id: "${run}", status: NEW}
                    - expectMessage:
                        component: events
                        destination: "amq.topic/orders.${run}.*"
                        match: [{path: $.id, equals: "${run}"}]
                        headers: {x-correlation-id: "cid-${run}"}
                        within: 5s
                      capture: {status: $.status}
                    - sql: {component: orders-db, query: "insert into ${table} values (?, ?)", params: ["${run}", "${status}"]}
                    - sql: {component: orders-db, query: "select id, status from ${table} where id = ?", params: ["${run}"], within: 3s}
                      expect: {rows: 1, jsonPath: [{path: "$[0].status", equals: NEW}]}
                    - redis: {component: cache, command: [SET, "order:${run}", "${status}", EX, "60"]}
                    - wait: {duration: 100ms}
                    - redis: {component: cache, command: [GET, "order:${run}"], within: 2s}
                      expect: {body: {equals: NEW}}
                    - sql: {component: orders-db, query: "drop table ${table}"}
                - id: EV_002
                  title: nothing matching arrives, so the case fails and lists what did arrive
                  steps:
                    - publish: {component: events, destination: "amq.topic/orders.${run}.other", body: {id: someone-else}}
                    - expectMessage: {component: events, destination: "amq.topic/orders.${run}.*", match: [{path: $.id, equals: "${run}"}], within: 1s}
                - id: EV_003
                  title: an unreachable broker errors the step naming its address
                  steps:
                    - publish: {uri: "amqp://guest:guest@127.0.0.1:${closedPort}", destination: q, body: x}
            """;

    @Test
    void suiteWithEventAndDataStepsRunsThroughItfRun(@TempDir Path dir) throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        String run = UUID.randomUUID().toString().substring(0, 8);
        Path suite = dir.resolve("suite.yaml");
        Files.writeString(suite, SUITE);
        Path env = dir.resolve("env.yaml");
        Files.writeString(env, """
                components:
                  events: {uri: "amqp://guest:guest@127.0.0.1:5672"}
                  orders-db: {uri: "postgresql://postgres@127.0.0.1:5432/test"}
                  cache: {uri: "redis://127.0.0.1:6379"}
                """);
        Path reports = dir.resolve("reports");
        int exit = ItfCommand.execute("run", suite.toString(), env.toString(), "--var", "run=" + run,
                "--var", "table=itf_suite_" + run, "--var", "closedPort=" + closedPort, "--report-dir", reports.toString(), "--format", "json");

        RunResult result = JsonReport.read(reports.resolve("itf-results.json"));
        Map<String, CaseResult> cases = result.cases.stream().collect(Collectors.toMap(c -> c.caseId, Function.identity()));
        assertThat(exit).isEqualTo(ItfCommand.FAILED);
        assertThat(cases.get("EV_001").outcome).as(cases.get("EV_001").message).isEqualTo(Outcome.PASSED);
        assertThat(cases.get("EV_002").outcome).isEqualTo(Outcome.FAILED);
        assertThat(cases.get("EV_002").message).contains("1 message arrived").contains("someone-else");
        assertThat(cases.get("EV_003").outcome).isEqualTo(Outcome.ERRORED);
        assertThat(cases.get("EV_003").message).contains("cannot connect to RabbitMQ at 127.0.0.1:" + closedPort);
    }

    @Test
    void manyCasesInParallelLeaveNoDatabaseSessionBehind(@TempDir Path dir) throws Exception {
        String app = "itf-run-" + UUID.randomUUID().toString().substring(0, 8);
        StringBuilder suite = new StringBuilder("""
                apiVersion: itf.dev/v1alpha1
                kind: TestSuite
                metadata: {name: many-cases}
                spec:
                  cases:
                """);
        for (int i = 0; i < 24; i++) {
            suite.append("""
                        - id: C_%1$d
                          title: case %1$d
                          steps:
                            - publish: {component: events, destination: "amq.topic/many.%2$s", body: {n: %1$d}}
                            - expectMessage: {component: events, destination: "amq.topic/many.%2$s", match: [{path: $.n, equals: %1$d}], within: 5s}
                            - sql: {component: db, query: "select ? as n", params: ["%1$d"]}
                              expect: {rows: 1}
                            - redis: {component: cache, command: [PING]}
                              expect: {body: {equals: PONG}}
                    """.formatted(i, app));
        }
        Path file = dir.resolve("suite.yaml");
        Files.writeString(file, suite.toString());
        int exit = ItfCommand.execute("run", file.toString(), "--parallel", "4",
                "--var", "components.events.uri=amqp://guest:guest@127.0.0.1:5672",
                "--var", "components.db.uri=postgresql://postgres@127.0.0.1:5432/test?ApplicationName=" + app,
                "--var", "components.cache.uri=redis://127.0.0.1:6379",
                "--report-dir", dir.resolve("reports").toString(), "--format", "json");
        RunResult result = JsonReport.read(dir.resolve("reports/itf-results.json"));
        assertThat(result.cases).hasSize(24).allSatisfy(c -> assertThat(c.outcome).as(c.caseId + ": " + c.message).isEqualTo(Outcome.PASSED));
        assertThat(exit).isEqualTo(ItfCommand.OK);
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60))
                .until(() -> dev.itf.runner.data.SqlSessions.count(app) == 0);
    }
}
