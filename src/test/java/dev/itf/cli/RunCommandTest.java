package dev.itf.cli;

import dev.itf.runner.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class RunCommandTest {

    @TempDir
    Path dir;
    private TestServer server;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void start() throws Exception {
        server = TestServer.http().fixed("/orders", 200, "application/json", "[{\"id\":1,\"status\":\"NEW\"}]");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private int itf(String... args) {
        return ItfCommand.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    private Path file(String name, String text) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    private Path suite(String cases) throws Exception {
        return file("suite.yaml", """
                apiVersion: itf.dev/v1alpha1
                kind: TestSuite
                metadata: {name: orders-api}
                spec:
                  variables: {baseUrl: "${components.orders-api.url}"}
                  cases:
                """ + cases.indent(4));
    }

    private static final String PASSING = """
            - id: API_001
              title: List orders
              tags: [smoke]
              steps:
                - http: {url: "${baseUrl}/orders"}
                  expect: {status: 200, jsonPath: [{path: "$[0].status", equals: NEW}]}
            """;

    @Test
    void allPassedExitsZeroPrintsProgressSummaryAndWritesReports() throws Exception {
        Path env = file("env.yaml", """
                variables: {region: eu}
                components:
                  orders-api: {url: "%s"}
                """.formatted(server.url()));
        Path reports = dir.resolve("reports");
        int code = itf("run", suite(PASSING).toString(), env.toString(), "--report-dir", reports.toString());
        assertThat(code).as(out + "\n" + err).isZero();
        assertThat(out.toString()).containsPattern("(?m)^PASS API_001 List orders \\(\\d+ ms\\)$");
        assertThat(out.toString()).containsPattern("(?m)^ID +TITLE +RESULT +DURATION +ATTEMPTS$");
        assertThat(out.toString()).containsPattern("(?m)^API_001 +List orders +PASS +\\d+ ms +1$");
        assertThat(out.toString()).contains("1 cases: 1 passed (0 flaky), 0 failed, 0 errored, 0 skipped in ");
        assertThat(reports.resolve("junit.xml")).exists();
        assertThat(Files.readString(reports.resolve("itf-results.json")))
                .contains("\"components.orders-api.url\" : \"" + server.url() + "\"", "\"region\" : \"eu\"");
    }

    @Test
    void failedOrErroredCaseExitsOneWithTheMessageIndented() throws Exception {
        Path s = suite(PASSING + """
                - id: API_002
                  title: Wrong status
                  steps:
                    - name: list
                      http: {url: "${baseUrl}/orders"}
                      expect: {status: 201}
                - id: API_003
                  title: Missing variable
                  steps:
                    - name: get
                      http: {url: "${baseUrl}/orders/${firstId}"}
                """);
        int code = itf("run", s.toString(), "--var", "components.orders-api.url=" + server.url(),
                "--report-dir", dir.resolve("r").toString(), "--format", "json", "--parallel", "2");
        assertThat(code).isEqualTo(1);
        assertThat(out.toString()).contains("FAIL API_002 Wrong status (", "\n    step \"list\": status: expected 201, actual 200\n",
                "ERROR API_003 Missing variable (", "\n    step \"get\": undefined variable \"firstId\"\n",
                "3 cases: 1 passed (0 flaky), 1 failed, 1 errored, 0 skipped");
        assertThat(dir.resolve("r/itf-results.json")).exists();
        assertThat(dir.resolve("r/junit.xml")).doesNotExist();
    }

    @Test
    void selectionOptions() throws Exception {
        Path s = suite(PASSING + """
                - id: API_009
                  title: Never selected
                  tags: [slow]
                  steps: [{http: {url: "${baseUrl}/nope"}, expect: {status: 200}}]
                """);
        String url = "components.orders-api.url=" + server.url();
        String reports = dir.resolve("r").toString();
        assertThat(itf("run", s.toString(), "--var", url, "--tags", "smoke", "--report-dir", reports)).isZero();
        assertThat(itf("run", s.toString(), "--var", url, "--exclude-tags", "slow", "--report-dir", reports)).isZero();
        assertThat(itf("run", s.toString(), "--var", url, "--ids", "API_001", "--retries", "2", "--report-dir", reports)).isZero();
        assertThat(out.toString()).doesNotContain("API_009");
        assertThat(itf("run", s.toString(), "--var", url, "--ids", "API_404", "--report-dir", reports)).isEqualTo(2);
        assertThat(err.toString()).contains("no case of " + s + " matches the selection");
    }

    @Test
    void badInputExitsTwoAndRunsNothing() throws Exception {
        Path broken = file("broken.yaml", """
                apiVersion: itf.dev/v1alpha1
                kind: TestSuite
                metadata: {name: x}
                spec:
                  cases:
                    - id: A
                      title: a
                      steps:
                        - http: {url: "http://127.0.0.1:1/x", methd: GET}
                """);
        assertThat(itf("run", broken.toString())).isEqualTo(2);
        assertThat(err.toString()).contains(broken + ":9:47: spec.cases[0].steps[0].http.methd: unknown field \"methd\"");
        assertThat(out.toString()).doesNotContain("FAIL", "ERROR", "PASS");

        Path twoActions = file("two.yaml", """
                apiVersion: itf.dev/v1alpha1
                kind: TestSuite
                metadata: {name: x}
                spec:
                  cases:
                    - {id: A, title: a, steps: [{http: {url: "http://x"}, wait: {duration: 1s}}]}
                    - {id: A, title: b, steps: [{wait: {duration: 1s}}]}
                """);
        assertThat(itf("run", twoActions.toString())).isEqualTo(2);
        assertThat(err.toString()).contains(twoActions + ":6:33: spec.cases[0].steps[0]: sets http and wait; a step sets exactly one action")
                .contains(twoActions + ":7:8: spec.cases[1].id: duplicate case id \"A\"");

        assertThat(itf("run", suite(PASSING).toString(), "--format", "junit,docx")).isEqualTo(2);
        assertThat(err.toString()).contains("unknown report format \"docx\": supported formats are junit, json, allure, html, pdf, sarif");
        Path undefinedProfile = file("profile.yaml", """
                apiVersion: itf.dev/v1alpha1
                kind: TestSuite
                metadata: {name: x}
                spec:
                  cases:
                    - {id: A, title: a, steps: [{http: {url: "http://127.0.0.1:1/x", auth: nobody}}]}
                """);
        assertThat(itf("run", undefinedProfile.toString())).isEqualTo(2);
        assertThat(err.toString()).contains(undefinedProfile + ":6:70: spec.cases[0].steps[0].http.auth: auth \"nobody\" is not defined");
        Path wrongApiVersion = file("get.yaml", "apiVersion: GET\nkind: TestSuite\nmetadata: {name: x}\n"
                + "spec: {cases: [{id: A, title: a, steps: [{wait: {duration: 1ms}}]}]}\n");
        assertThat(itf("run", wrongApiVersion.toString())).isEqualTo(2);
        assertThat(err.toString()).contains(wrongApiVersion + ":1:1: apiVersion: \"GET\" is not the API version of a TestSuite; use itf.dev/v1alpha1");
        Path notASuite = file("env-only.yaml", "variables: {a: b}\n");
        assertThat(itf("run", notASuite.toString())).isEqualTo(2);
        assertThat(err.toString()).contains(notASuite + ": no TestSuite in the file");
        Path badEnv = file("bad-env.yaml", "variables: {a: b}\ncomponets: {api: {url: x}}\n");
        assertThat(itf("run", suite(PASSING).toString(), badEnv.toString())).isEqualTo(2);
        assertThat(err.toString()).contains(badEnv + ":2:1: componets: unknown field \"componets\"");
        assertThat(itf("run", dir.resolve("missing.yaml").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("missing.yaml: no such file");
        assertThat(itf("run", suite(PASSING).toString(), "--parallel", "0")).isEqualTo(2);
        assertThat(itf("run", suite(PASSING).toString(), "--shard", "2", "--shards", "2")).isEqualTo(2);
        assertThat(itf("run")).isEqualTo(2);
        assertThat(itf("run", suite(PASSING).toString(), "--no-such-option")).isEqualTo(2);
    }
}
