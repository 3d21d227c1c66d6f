package dev.itf.cli;

import dev.itf.demo.DemoOptions;
import dev.itf.demo.DemoTarget;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The quickstart example passes against the demo target, as bin/quickstart.sh runs it, and writes both reports. */
class QuickstartExampleTest {

    @TempDir
    Path reports;

    @Test
    void quickstartSuitePassesAgainstTheDemoTarget() throws Exception {
        try (DemoTarget demo = new DemoTarget(DemoOptions.defaults(0)).start()) {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int code = ItfCommand.execute(new PrintWriter(out, true), new PrintWriter(err, true), "run",
                    "examples/quickstart/orders-suite.yaml", "--var", "baseUrl=http://localhost:" + demo.port(),
                    "--report-dir", reports.toString(), "--format", "junit,json");
            assertThat(code).as(out + "\n" + err).isZero();
            assertThat(out.toString()).contains("PASS QS_001 List orders", " 0 failed, 0 errored");
            assertThat(reports.resolve("junit.xml")).exists();
            assertThat(reports.resolve("itf-results.json")).exists();
        }
    }
}
