package dev.itf.demo;

import dev.itf.cli.DemoTargetCommand;
import dev.itf.cli.ItfCommand;
import dev.itf.report.JsonReport;
import dev.itf.results.Outcome;
import dev.itf.results.RunResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** examples/events end to end: the demo target wired to RabbitMQ, PostgreSQL and Redis, the suite run by itf run. */
class EventsExampleTest {

    static DemoTarget start(String... args) throws Exception {
        DemoTargetCommand command = new DemoTargetCommand();
        new CommandLine(command).parseArgs(args);
        return command.start(new PrintStream(new ByteArrayOutputStream()));
    }

    @Test
    void exampleSuitePassesAgainstTheWiredDemoTarget(@TempDir Path reports) throws Exception {
        try (DemoTarget target = start("--port", "0", "--amqp-uri", "amqp://guest:guest@127.0.0.1:5672",
                "--db-uri", "postgresql://postgres@127.0.0.1:5432/test", "--redis-uri", "redis://127.0.0.1:6379")) {
            int exit = ItfCommand.execute("run", "examples/events/suite.yaml", "examples/events/env.yaml",
                    "--var", "components.orders-api.url=http://127.0.0.1:" + target.port(),
                    "--var", "components.events.uri=amqp://guest:guest@127.0.0.1:5672",
                    "--report-dir", reports.toString(), "--format", "json");
            RunResult result = JsonReport.read(reports.resolve("itf-results.json"));
            assertThat(result.cases).hasSize(3);
            assertThat(result.cases).allSatisfy(c -> assertThat(c.outcome).as(c.caseId + ": " + c.message).isEqualTo(Outcome.PASSED));
            assertThat(exit).isEqualTo(ItfCommand.OK);
        }
    }

    @Test
    void withoutEventWiringTheDataChecksFail(@TempDir Path reports) throws Exception {
        try (DemoTarget target = start("--port", "0")) {
            int exit = ItfCommand.execute("run", "examples/events/suite.yaml", "examples/events/env.yaml", "--ids", "EVT_003",
                    "--var", "components.orders-api.url=http://127.0.0.1:" + target.port(),
                    "--report-dir", reports.toString(), "--format", "json");
            RunResult result = JsonReport.read(reports.resolve("itf-results.json"));
            assertThat(exit).isEqualTo(ItfCommand.FAILED);
            assertThat(result.cases.get(0).outcome).isEqualTo(Outcome.FAILED);
            assertThat(result.cases.get(0).message).contains("on amq.topic/order.confirmed within 3s");
        }
    }

    @Test
    void databaseOrRedisWithoutABrokerIsABadOption() {
        assertThatThrownBy(() -> start("--port", "0", "--redis-uri", "redis://127.0.0.1:6379"))
                .hasMessageContaining("give --amqp-uri or --kafka-uri too");
    }
}
