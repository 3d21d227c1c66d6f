package dev.itf.cli;

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

/** {@code itf lint} run in-process, as the command line runs it. */
class LintCommandTest {

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

    private Path write(String name, String yaml) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, yaml);
        return file;
    }

    @Test
    void everyExampleOutsideTheInvalidSetHasNoProblems() throws IOException {
        List<String> dirs;
        try (var list = Files.list(Path.of("examples"))) {
            dirs = list.filter(Files::isDirectory).filter(d -> !d.endsWith("invalid")).map(Path::toString).sorted().toList();
        }
        List<String> args = new java.util.ArrayList<>(List.of("lint"));
        args.addAll(dirs);

        int code = ItfCommand.execute(args.toArray(String[]::new));

        assertThat(dirs).contains("examples/cluster", "examples/quickstart");
        assertThat(lines()).singleElement().asString().startsWith("0 problems in ");
        assertThat(code).isZero();
    }

    @Test
    void theInvalidExamplesReportEveryProblemWithItsPosition() {
        int code = ItfCommand.execute("lint", "examples/invalid");

        assertThat(lines()).containsExactly(
                "examples/invalid/broken.yaml:8:3: spec.provisioningTimeout: \"5 minutes\" is not a duration such as 500ms, 30s, 5m or 1h30m",
                "examples/invalid/broken.yaml:14:7: spec.components[0].dependsOn: dependsOn forms a cycle: api -> db -> api",
                "examples/invalid/broken.yaml:33:51: spec.cases[0].steps[0].http.auth: auth \"admin\" is not defined; spec.auth has user",
                "examples/invalid/broken.yaml:35:7: spec.cases[1].id: duplicate case id \"BROKEN_001\" (also spec.cases[0].id)",
                "examples/invalid/broken.yaml:38:18: spec.cases[1].steps[0].wait.duration: \"2 seconds\" is not a duration such as 500ms, 30s, 5m or 1h30m",
                "examples/invalid/broken.yaml:42:21: spec.cases[2].steps[0].publish.component: component \"events\" is not defined in TestEnvironment \"broken-stack\"",
                "6 problems in 1 file (3 ITF resources)");
        assertThat(code).isEqualTo(2);
    }

    @Test
    void unknownFieldsWrongTypesAndUnservedKinds() throws IOException {
        Path file = write("suite.yaml", """
                apiVersion: itf.dev/v1alpha1
                kind: TestSuite
                metadata: {name: s}
                spec:
                  cases:
                    - id: A
                      title: a
                      retries: twice
                      steps:
                        - http: {url: "http://x", methd: GET}
                ---
                apiVersion: itf.dev/v1
                kind: TestSuite
                metadata: {name: t}
                ---
                apiVersion: itf.dev/v1alpha1
                kind: TestCase
                metadata: {name: u}
                """);

        int code = ItfCommand.execute("lint", file.toString());

        assertThat(lines()).containsExactly(
                file + ":8:7: spec.cases[0].retries: must be an integer, not \"twice\"",
                file + ":10:35: spec.cases[0].steps[0].http.methd: unknown field \"methd\"; known fields: auth, body, followRedirects, form, headers, method, query, timeout, tls, url",
                file + ":12:1: apiVersion: \"itf.dev/v1\" is not served; use itf.dev/v1alpha1",
                file + ":12:1: spec: is required",
                file + ":17:1: kind: unknown kind \"TestCase\"; itf.dev/v1alpha1 has TestSuite, TestEnvironment, TestRun, TestSchedule",
                "5 problems in 1 file (2 ITF resources)");
        assertThat(code).isEqualTo(2);
    }

    @Test
    void manifestsThatReachOutsideTheRunNamespaceAreProblemsAtTheirField() throws IOException {
        Path file = write("env.yaml", """
                apiVersion: itf.dev/v1alpha1
                kind: TestEnvironment
                metadata: {name: e}
                spec:
                  components:
                    - name: extras
                      type: manifests
                      manifests:
                        - apiVersion: rbac.authorization.k8s.io/v1
                          kind: ClusterRole
                          metadata: {name: everything}
                        - apiVersion: v1
                          kind: Namespace
                          metadata: {name: mine}
                        - apiVersion: v1
                          kind: ConfigMap
                          metadata: {name: planted, namespace: kube-system}
                """);

        int code = ItfCommand.execute("lint", file.toString());

        assertThat(lines()).containsExactly(
                file + ":10:11: spec.components[0].manifests[0].kind: ClusterRole (rbac.authorization.k8s.io/v1) is cluster-scoped; "
                        + "a manifests component holds namespaced objects only, applied into the run namespace",
                file + ":13:11: spec.components[0].manifests[1].kind: Namespace (v1) is cluster-scoped; "
                        + "a manifests component holds namespaced objects only, applied into the run namespace",
                file + ":17:37: spec.components[0].manifests[2].metadata.namespace: names namespace \"kube-system\"; remove it: "
                        + "every object is applied into the run's own namespace",
                "3 problems in 1 file (1 ITF resource)");
        assertThat(code).isEqualTo(2);
    }

    @Test
    void anItfKindUnderAnotherApiVersionIsAProblemAtThatFieldAndStillChecked() throws IOException {
        Path file = write("suite.yaml", """
                # a request method where the apiVersion goes
                apiVersion: GET
                kind: TestSuite
                metadata: {name: s}
                spec:
                  cases: [{id: A, title: a, steps: [{wait: {duration: 1 second}}]}]
                ---
                kind: TestEnvironment
                metadata: {name: e}
                spec: {components: [{name: api, type: service, image: "api:1", ports: [{port: 80}]}]}
                """);

        int code = ItfCommand.execute("lint", file.toString());

        assertThat(lines()).containsExactly(
                file + ":2:1: apiVersion: \"GET\" is not the API version of a TestSuite; use itf.dev/v1alpha1",
                file + ":6:45: spec.cases[0].steps[0].wait.duration: \"1 second\" is not a duration such as 500ms, 30s, 5m or 1h30m",
                file + ":8:1: apiVersion: is required; use itf.dev/v1alpha1",
                "3 problems in 1 file (2 ITF resources)");
        assertThat(code).isEqualTo(2);
    }

    @Test
    void aFileWithoutAnyItfResourceIsAProblemAtItsFirstDocument() throws IOException {
        Path configMap = write("cm.yaml", "\n# only a ConfigMap\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: schema}\n");
        Path noKind = write("typo.yaml", "apiVersoin: itf.dev/v1alpha1\nkind: TestSuit\nmetadata: {name: s}\n");
        Path empty = write("empty.yaml", "# nothing yet\n");

        int code = ItfCommand.execute("lint", configMap.toString(), noKind.toString(), empty.toString());

        String expected = "ITF resources have apiVersion itf.dev/v1alpha1 and kind TestSuite, TestEnvironment, TestRun, TestSchedule"
                + " (a local environment for itf run has only variables and components)";
        assertThat(lines()).containsExactly(
                configMap + ":3:1: apiVersion: no ITF resource in the file (found ConfigMap); " + expected,
                noKind + ":1:1: apiVersion: no ITF resource in the file (found TestSuit); " + expected,
                empty + ":1:1: no ITF resource: the file holds no YAML document; " + expected,
                "3 problems in 3 files (0 ITF resources)");
        assertThat(code).isEqualTo(2);
    }

    @Test
    void kubernetesObjectsBesideItfResourcesAndLocalEnvironmentsAreNoProblem() throws IOException {
        Path suite = write("suite.yaml", """
                apiVersion: itf.dev/v1alpha1
                kind: TestSuite
                metadata: {name: s}
                spec: {cases: [{id: A, title: a, steps: [{wait: {duration: 1s}}]}]}
                """);
        Path configMap = write("cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: schema}\n");
        write("deploy/values.yaml", "replicas: 2\n");
        Path env = write("env.yaml", "components:\n  db: {uri: \"postgresql://localhost/test\"}\nvariables: {baseUrl: http://localhost}\n");

        assertThat(ItfCommand.execute("lint", suite.toString(), configMap.toString(), env.toString(), dir.resolve("deploy").toString()))
                .isZero();
        assertThat(lines()).containsExactly("0 problems in 4 files (1 ITF resource)");

        out.reset();
        Path badEnv = write("bad-env.yaml", "components:\n  db: [postgresql://localhost/test]\n");
        assertThat(ItfCommand.execute("lint", badEnv.toString())).isEqualTo(2);
        assertThat(lines().get(0)).isEqualTo(badEnv + ":2:3: components.db: must be a mapping, not a list");
    }

    @Test
    void yamlThatDoesNotParseNamesTheFileLineAndColumn() throws IOException {
        Path file = write("bad.yml", "apiVersion: itf.dev/v1alpha1\nkind: TestSuite\nspec: {cases: [\n");

        int code = ItfCommand.execute("lint", dir.toString());

        assertThat(lines()).hasSize(2);
        assertThat(lines().get(0)).startsWith(file + ":4:1: not valid YAML: ");
        assertThat(lines().get(1)).isEqualTo("1 problem in 1 file (0 ITF resources)");
        assertThat(code).isEqualTo(2);
    }

    @Test
    void secretsAndConfigMapsOfTheSetAreWhatReferencesPointTo() throws IOException {
        write("suite.yaml", """
                apiVersion: itf.dev/v1alpha1
                kind: TestSuite
                metadata: {name: s}
                spec:
                  auth:
                    admin: {basic: {secretRef: {name: admin}}}
                    partner: {apiKey: {name: X-Key, secretRef: {name: elsewhere}}}
                  cases: [{id: A, title: a, steps: [{http: {url: "http://x", auth: admin}}]}]
                """);
        Path secret = write("nested/secret.yaml", """
                apiVersion: v1
                kind: Secret
                metadata: {name: admin}
                stringData: {username: admin}
                """);
        write(".hidden/ignored.yaml", "apiVersion: itf.dev/v1alpha1\nkind: Nonsense\n");
        write("notes.txt", "not yaml: [");

        int code = ItfCommand.execute("lint", dir.toString());

        assertThat(lines()).containsExactly(
                dir.resolve("suite.yaml") + ":6:21: spec.auth.admin.basic.secretRef: Secret \"admin\" has no key \"password\"",
                "1 problem in 2 files (1 ITF resource)");
        assertThat(secret).exists();
        assertThat(code).isEqualTo(2);
    }

    @Test
    void aSuiteNotTiedByARunIsCheckedAgainstTheEnvironmentSharingItsComponentNames() throws IOException {
        Path file = write("all.yaml", """
                apiVersion: itf.dev/v1alpha1
                kind: TestEnvironment
                metadata: {name: stack}
                spec:
                  components: [{name: cache, type: cache, engine: redis}]
                ---
                apiVersion: itf.dev/v1alpha1
                kind: TestSuite
                metadata: {name: s}
                spec:
                  cases:
                    - id: A
                      title: a
                      steps:
                        - redis: {component: cache, command: [PING]}
                        - sql: {component: db, query: "select 1"}
                ---
                apiVersion: itf.dev/v1alpha1
                kind: TestSuite
                metadata: {name: other}
                spec:
                  cases: [{id: A, title: a, steps: [{publish: {component: events, destination: d}}]}]
                """);

        int code = ItfCommand.execute("lint", file.toString());

        assertThat(lines()).containsExactly(
                file + ":16:17: spec.cases[0].steps[1].sql.component: component \"db\" is not defined in TestEnvironment \"stack\"",
                "1 problem in 1 file (3 ITF resources)");
        assertThat(code).isEqualTo(2);
    }

    @Test
    void aRunsSelectedIdsMustBeCasesOfItsSuite() throws IOException {
        Path file = write("run.yaml", """
                apiVersion: itf.dev/v1alpha1
                kind: TestSuite
                metadata: {name: s}
                spec: {cases: [{id: A, title: a, steps: [{wait: {duration: 1s}}]}]}
                ---
                apiVersion: itf.dev/v1alpha1
                kind: TestRun
                metadata: {name: r}
                spec:
                  suiteRef: {name: s}
                  selector: {ids: [A, B]}
                """);

        assertThat(ItfCommand.execute("lint", file.toString())).isEqualTo(2);
        assertThat(lines()).containsExactly(
                file + ":11:23: spec.selector.ids[1]: TestSuite \"s\" has no case \"B\"",
                "1 problem in 1 file (2 ITF resources)");
    }

    @Test
    void aMissingPathIsAProblemAndNoPathIsAUsageError() {
        assertThat(ItfCommand.execute("lint", dir.resolve("nope.yaml").toString())).isEqualTo(2);
        assertThat(lines()).containsExactly(dir.resolve("nope.yaml") + ": no such file or directory", "1 problem in 0 files (0 ITF resources)");

        assertThat(ItfCommand.execute("lint")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("Missing required parameter: 'FILE|DIR'");
    }
}
