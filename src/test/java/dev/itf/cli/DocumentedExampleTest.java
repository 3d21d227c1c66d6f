package dev.itf.cli;

import dev.itf.demo.DemoOptions;
import dev.itf.demo.DemoTarget;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * examples/documented: the suite passes against the demo target, lints clean with --quality, and its documentation in
 * docs/examples/ is what itf docs writes today. Regenerate with: ./mvnw -B test -Dtest=DocumentedExampleTest -Ditf.update=true
 */
class DocumentedExampleTest {

    static final Path SUITE = Path.of("examples/documented/orders-documented.yaml");
    static final Path ENV = Path.of("examples/documented/orders-environment.yaml");
    static final Path COMMITTED = Path.of("docs/examples");

    @TempDir
    Path dir;

    private static int itf(StringWriter out, Map<String, String> env, String... args) {
        return ItfCommand.execute(env::get, new PrintWriter(out, true), new PrintWriter(out, true), args);
    }

    @Test
    void theCommittedDocumentationIsWhatItfDocsWrites() throws Exception {
        StringWriter out = new StringWriter();
        int code = itf(out, Map.of(), "docs", SUITE.toString(), "--env", ENV.toString(), "--out", dir.toString());
        assertThat(code).as(out.toString()).isZero();
        for (String file : new String[]{"orders-documented.md", "orders-documented.html"}) {
            String written = Files.readString(dir.resolve(file));
            if (Boolean.getBoolean("itf.update")) {
                Files.createDirectories(COMMITTED);
                Files.writeString(COMMITTED.resolve(file), written);
            }
            assertThat(Files.readString(COMMITTED.resolve(file))).as(COMMITTED.resolve(file)
                    + " differs from what itf docs writes; regenerate with ./mvnw -B test -Dtest=DocumentedExampleTest -Ditf.update=true").isEqualTo(written);
        }
    }

    @Test
    void theSuitePassesLintsCleanAndItsResultsShowInTheDocumentation() throws Exception {
        StringWriter lint = new StringWriter();
        assertThat(itf(lint, Map.of(), "lint", "--quality", "--strict", "examples/documented")).as(lint.toString()).isZero();
        assertThat(lint.toString()).contains("quality: 0 errors, 0 warnings, 0 info");

        try (DemoTarget demo = new DemoTarget(DemoOptions.defaults(0)).start()) {
            StringWriter out = new StringWriter();
            int code = itf(out, Map.of("DEMO_PASSWORD", "demo-pass"), "run", SUITE.toString(),
                    "--var", "components.documented-api.url=http://localhost:" + demo.port(), "--report-dir", dir.toString(), "--format", "json");
            assertThat(code).as(out.toString()).isZero();
            assertThat(out.toString()).contains("PASS DOC_002[alice]", "PASS DOC_002[bob]", "PASS DOC_004");
        }
        StringWriter out = new StringWriter();
        Path docs = dir.resolve("docs");
        assertThat(itf(out, Map.of(), "docs", SUITE.toString(), "--results", dir.resolve("itf-results.json").toString(),
                "--out", docs.toString(), "--format", "md")).as(out.toString()).isZero();
        String md = Files.readString(docs.resolve("orders-documented.md"));
        assertThat(md).contains("### Last Outcome", "- `DOC_002[alice]`: **passed** in ", "- `DOC_002[bob]`: **passed** in ",
                "| [`DOC_001`](#case-doc-001) | List the newest orders | `DOC_001`: **passed** in ");
        assertThat(docs.resolve("orders-documented.html")).doesNotExist();
    }
}
