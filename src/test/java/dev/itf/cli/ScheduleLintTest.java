package dev.itf.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code itf lint} checks TestSchedules with the operator's validator, problems at their line and column. */
class ScheduleLintTest {

    @TempDir
    Path dir;

    @Test
    void aScheduleWithABadCronAndAnEmptySelectorIsReportedWhereItIs() throws Exception {
        Path file = dir.resolve("schedule.yaml");
        Files.writeString(file, """
                apiVersion: itf.dev/v1alpha1
                kind: TestSchedule
                metadata: {name: orders-nightly}
                spec:
                  schedule: "0 3 * * MONDAY"
                  triggers:
                    - rollout: {kind: Deployment, selector: {}}
                  runTemplate:
                    spec: {suiteRef: {name: orders-api}, parallelism: 0}
                """);
        StringWriter out = new StringWriter();
        int exit = ItfCommand.execute(new PrintWriter(out, true), new PrintWriter(new StringWriter(), true), "lint", file.toString());
        assertThat(exit).isEqualTo(2);
        assertThat(out.toString()).contains(
                file + ":5:3: spec.schedule: \"0 3 * * MONDAY\" day of week field \"MONDAY\" has \"MONDAY\", which is not a number or a day name (SUN-SAT)",
                file + ":7:35: spec.triggers[0].rollout.selector: required, with matchLabels or matchExpressions",
                "spec.runTemplate.spec.parallelism");
    }

    @Test
    void theExampleSchedulesAreValid() {
        StringWriter out = new StringWriter();
        int exit = ItfCommand.execute(new PrintWriter(out, true), new PrintWriter(new StringWriter(), true), "lint", "examples/schedules");
        assertThat(exit).as(out.toString()).isZero();
        assertThat(out.toString()).contains("0 problems");
    }
}
