package dev.itf.demo;

import dev.itf.cli.ItfCommand;
import dev.itf.report.JsonReport;
import dev.itf.results.Outcome;
import dev.itf.results.RunResult;
import dev.itf.runner.events.InJvmKafka;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The demo target's order events on Kafka: topics order.created and order.confirmed, checked through itf run. */
class KafkaOrderEventsTest {

    static final String SUITE = """
            apiVersion: itf.dev/v1alpha1
            kind: TestSuite
            metadata: {name: kafka-order-events}
            spec:
              cases:
                - id: KAFKA_001
                  title: an order's events go through Kafka and end in MariaDB
                  steps:
                    - http: {method: POST, url: "${components.orders-api.url}/api/v1/orders", body: {customer: "kafka-${uuid()}"}}
                      expect: {status: 201}
                      capture: {orderId: $.id}
                    - expectMessage: {component: events, destination: order.created, match: [{path: $.id, equals: "${orderId}"}], headers: {x-event-type: order.created}, within: 10s}
                    - expectMessage: {component: events, destination: order.confirmed, match: [{path: $.id, equals: "${orderId}"}, {path: $.status, equals: CONFIRMED}], within: 10s}
                    - sql: {component: orders-db, query: "select status from demo_orders where id = ?", params: ["${orderId}"], within: 5s}
                      expect: {rows: 1, jsonPath: [{path: "$[0].status", equals: CONFIRMED}]}
            """;

    @Test
    void orderEventsFlowThroughKafka(@TempDir Path dir) throws Exception {
        try (KafkaClusterTestKit kafka = InJvmKafka.start()) {
            String kafkaUri = "kafka://" + kafka.bootstrapServers();
            try (DemoTarget target = EventsExampleTest.start("--port", "0", "--kafka-uri", kafkaUri,
                    "--db-uri", "mariadb://root@127.0.0.1:3306/test")) {
                Path suite = dir.resolve("suite.yaml");
                Files.writeString(suite, SUITE);
                int exit = ItfCommand.execute("run", suite.toString(),
                        "--var", "components.orders-api.url=http://127.0.0.1:" + target.port(),
                        "--var", "components.events.uri=" + kafkaUri,
                        "--var", "components.orders-db.uri=mariadb://root@127.0.0.1:3306/test",
                        "--report-dir", dir.resolve("reports").toString(), "--format", "json");
                RunResult result = JsonReport.read(dir.resolve("reports/itf-results.json"));
                assertThat(result.cases.get(0).outcome).as(result.cases.get(0).message).isEqualTo(Outcome.PASSED);
                assertThat(exit).isEqualTo(ItfCommand.OK);
            }
        }
    }
}
