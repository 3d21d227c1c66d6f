package dev.itf.cli;

import dev.itf.validation.quality.QualityConfig;
import dev.itf.validation.quality.QualityRule;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code itf lint --quality [--strict]}: every rule at its place, .itf-lint.yaml, exit codes. */
class LintQualityTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream originalOut;
    private PrintStream originalErr;

    @TempDir
    Path dir;

    @BeforeEach
    void captureOutput() {
        originalOut = System.out;
        originalErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restoreOutput() {
        System.setOut(originalOut);
        System.setErr(originalErr);
    }

    private List<String> lines() {
        return out.toString(StandardCharsets.UTF_8).lines().toList();
    }

    static final String SUITE = """
            apiVersion: itf.dev/v1alpha1
            kind: TestSuite
            metadata: {name: q}
            spec:
              variables: {events: "amqp://guest:guest@rabbit:5672/"}
              cases:
                - id: Q1
                  title: Orders
                  steps:
                    - http: {method: POST, url: "http://orders.internal:8080/api", body: {id: "${uuid()}"}}
                    - wait: {duration: 2s}
                    - sql: {uri: "${db}", query: "select 1"}
                      expect: {rows: 1}
                - id: Q2
                  title: orders
                  description: TODO explain
                  expectedResults: [a list]
                  steps:
                    - http: {method: GET, url: "${baseUrl}/api"}
                      expect: {status: 200}
            ---
            apiVersion: itf.dev/v1alpha1
            kind: TestEnvironment
            metadata: {name: e}
            spec:
              components:
                - {name: api, type: service, image: "ghcr.io/acme/orders", ports: [{name: http, port: 8080}]}
                - {name: web, type: service, image: "nginx:latest", ports: [{name: http, port: 80}]}
                - {name: ok, type: service, image: "nginx:1.27", ports: [{name: http, port: 80}]}
            """;

    @Test
    void everyRuleReportsAtItsFieldWithSeverityIdAndFix() throws IOException {
        Path suite = Files.writeString(dir.resolve("suite.yaml"), SUITE);
        int code = ItfCommand.execute("lint", "--quality", "--config", Files.writeString(dir.resolve("none.yaml"), "").toString(), suite.toString());
        String f = suite.toString();
        assertThat(lines()).containsExactly(
                f + ":4:1: spec: warning ITF101 suite-description: the suite has no description; fix: add spec.description: what the suite tests, in a sentence",
                f + ":5:15: spec.variables.events: warning ITF305 amqp-empty-vhost: amqp://rabbit:5672/ names the empty virtual host \"\" (the path of an AMQP URI is the vhost), not the default vhost \"/\"; for the default vhost write amqp://rabbit:5672 or amqp://rabbit:5672/%2F; fix: "
                        + QualityRule.AMQP_EMPTY_VHOST.fix,
                f + ":7:7: spec.cases[0]: warning ITF102 case-description: case Q1 has no description; fix: " + QualityRule.CASE_DESCRIPTION.fix,
                f + ":7:7: spec.cases[0]: info ITF103 case-expected-results: case Q1 has no expectedResults; fix: " + QualityRule.CASE_EXPECTED_RESULTS.fix,
                f + ":8:7: spec.cases[0].title: warning ITF201 title-too-short: the title \"Orders\" has 1 word, fewer than 3; fix: " + QualityRule.TITLE_TOO_SHORT.fix,
                f + ":10:11: spec.cases[0].steps[0]: warning ITF104 step-without-expectation: the http step has no expectation: it passes whatever the answer; fix: " + QualityRule.STEP_WITHOUT_EXPECTATION.fix,
                f + ":10:11: spec.cases[0].steps[0]: info ITF304 random-not-captured: the step sends a generated value (uuid(), randomInt() or now()) and captures nothing, so no later step or report can tell which value it was; fix: " + QualityRule.RANDOM_NOT_CAPTURED.fix,
                f + ":10:32: spec.cases[0].steps[0].http.url: warning ITF303 hard-coded-host: \"http://orders.internal:8080\" is a fixed host: the suite runs only where that host is; fix: " + QualityRule.HARD_CODED_HOST.fix,
                f + ":11:11: spec.cases[0].steps[1].wait: warning ITF302 fixed-wait: a fixed wait of 2s before a sql step, which can wait for its condition itself with within; fix: " + QualityRule.FIXED_WAIT.fix,
                f + ":15:7: spec.cases[1].title: warning ITF201 title-too-short: the title \"orders\" has 1 word, fewer than 3; fix: " + QualityRule.TITLE_TOO_SHORT.fix,
                f + ":15:7: spec.cases[1].title: warning ITF203 duplicate-title: the title \"orders\" is also the title of spec.cases[0]; fix: " + QualityRule.DUPLICATE_TITLE.fix,
                f + ":16:7: spec.cases[1].description: warning ITF204 placeholder-text: the text holds the placeholder TODO; fix: " + QualityRule.PLACEHOLDER_TEXT.fix,
                f + ":27:34: spec.components[0].image: warning ITF301 image-not-pinned: the image ghcr.io/acme/orders has no tag, so each run may pull a different one; fix: " + QualityRule.IMAGE_NOT_PINNED.fix,
                f + ":28:34: spec.components[1].image: warning ITF301 image-not-pinned: the image nginx:latest uses the tag latest, so each run may pull a different one; fix: " + QualityRule.IMAGE_NOT_PINNED.fix,
                "0 problems in 1 file (2 ITF resources); quality: 0 errors, 12 warnings, 2 info");
        assertThat(code).as("warnings exit 0 unless --strict").isZero();
        assertThat(lines().toString()).doesNotContain("guest");
    }

    @Test
    void strictFailsOnWarningsAndTheConfigurationSwitchesRulesOffOrUp() throws IOException {
        Path suite = Files.writeString(dir.resolve("suite.yaml"), SUITE);
        assertThat(ItfCommand.execute("lint", "--quality", "--strict", suite.toString())).isEqualTo(2);
        out.reset();

        Path config = Files.writeString(dir.resolve(".itf-lint.yaml"), """
                rules:
                  ITF101: off
                  case-description: error
                  ITF103: off
                  ITF104: off
                  ITF201: off
                  ITF203: info
                  ITF204: off
                  ITF301: off
                  ITF302: off
                  ITF303: off
                  ITF304: off
                  ITF305: info
                """);
        int code = ItfCommand.execute("lint", "--quality", "--strict", "--config", config.toString(), suite.toString());
        assertThat(lines()).last().isEqualTo("0 problems in 1 file (2 ITF resources); quality: 1 error, 0 warnings, 2 info");
        assertThat(lines()).filteredOn(l -> l.contains(" error ITF102 case-description: case Q1")).hasSize(1);
        assertThat(code).as("an error fails even without --strict").isEqualTo(2);
    }

    @Test
    void plainLintWarnsAboutTheEmptyVhostOnly() throws IOException {
        Path suite = Files.writeString(dir.resolve("suite.yaml"), SUITE);
        int code = ItfCommand.execute("lint", "--config", Files.writeString(dir.resolve("none.yaml"), "").toString(), suite.toString());
        assertThat(lines()).hasSize(2);
        assertThat(lines().get(0)).contains("spec.variables.events: warning ITF305 amqp-empty-vhost");
        assertThat(code).isZero();
    }

    @Test
    void theNearestConfigurationIsFoundAndAMistakeInItNamesTheFix() throws IOException {
        Path nested = Files.createDirectories(dir.resolve("a/b"));
        Files.writeString(dir.resolve(".itf-lint.yaml"), "rules: {ITF102: error}\n");
        assertThat(QualityConfig.find(nested).severity(QualityRule.CASE_DESCRIPTION)).isEqualTo(QualityRule.Severity.ERROR);
        assertThat(QualityConfig.find(nested).source()).contains(dir.resolve(".itf-lint.yaml").toAbsolutePath().normalize());

        Path bad = Files.writeString(dir.resolve("bad.yaml"), "rules: {ITF999: off}\n");
        assertThat(ItfCommand.execute("lint", "--quality", "--config", bad.toString(), bad.toString())).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("rules.ITF999: no such rule");
    }
}
