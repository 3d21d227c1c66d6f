package dev.itf.manifest;

import dev.itf.api.TestSuite;
import dev.itf.validation.Problem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ManifestsTest {

    private static final Path FILE = Path.of("suite.yaml");

    private static final String TWO_DOCUMENTS = """
            apiVersion: v1
            kind: Secret
            metadata: {name: orders-admin}
            ---
            apiVersion: itf.dev/v1alpha1
            kind: TestSuite
            metadata:
              name: orders-api
              namespace: qa
            spec:
              cases:
                - id: API_001
                  title: List orders
                  steps:
                    - http:
                        url: http://localhost/api
                        auth: admin
                    - wait: {duration: 1s}
            """;

    @Test
    void readsEveryDocumentWithKindNameAndNamespace() throws Exception {
        List<Manifest> all = Manifests.parse(FILE, TWO_DOCUMENTS);

        assertThat(all).hasSize(2);
        assertThat(all.get(0).kind()).isEqualTo("Secret");
        assertThat(all.get(0).isItf()).isFalse();
        Manifest suite = all.get(1);
        assertThat(suite.document()).isEqualTo(1);
        assertThat(suite.kind()).isEqualTo("TestSuite");
        assertThat(suite.apiVersion()).isEqualTo("itf.dev/v1alpha1");
        assertThat(suite.name()).isEqualTo("orders-api");
        assertThat(suite.namespace()).isEqualTo("qa");
        assertThat(suite.isItf()).isTrue();
    }

    @Test
    void knowsTheLineAndColumnOfFieldsAndListItems() throws Exception {
        Manifest suite = Manifests.parse(FILE, TWO_DOCUMENTS).get(1);

        assertThat(suite.positionOf("spec.cases[0].steps[0].http.auth")).isEqualTo(new Position(17, 13));
        assertThat(suite.positionOf("spec.cases[0].steps[1]")).isEqualTo(new Position(18, 11));
        assertThat(suite.positionOf("spec.cases[0].steps[1].wait.duration")).isEqualTo(new Position(18, 18));
        assertThat(suite.positionOf("metadata.name")).isEqualTo(new Position(8, 3));
    }

    @Test
    void formatsAProblemWithItsPosition() throws Exception {
        Manifest suite = Manifests.parse(FILE, TWO_DOCUMENTS).get(1);

        assertThat(suite.format(new Problem("spec.cases[0].steps[0].http.auth", "auth \"admin\" is not defined")))
                .isEqualTo("suite.yaml:17:13: spec.cases[0].steps[0].http.auth: auth \"admin\" is not defined");
        assertThat(suite.format(new Problem("", "not an ITF resource"))).isEqualTo("suite.yaml:5:1: not an ITF resource");
    }

    @Test
    void aMissingPathFallsBackToItsNearestParent() throws Exception {
        Manifest suite = Manifests.parse(FILE, TWO_DOCUMENTS).get(1);

        assertThat(suite.positionOf("spec.cases[0].steps[0].http.timeout")).isEqualTo(new Position(15, 11));
        assertThat(suite.positionOf("spec.cases[7].title")).isEqualTo(new Position(11, 3));
        assertThat(suite.positionOf("nothing.here")).isEqualTo(new Position(5, 1));
    }

    @Test
    void convertsToTheApiType() throws Exception {
        Typed<TestSuite> typed = Manifests.parse(FILE, TWO_DOCUMENTS).get(1).as(TestSuite.class);

        assertThat(typed.problems()).isEmpty();
        assertThat(typed.ok()).isTrue();
        assertThat(typed.resource().getMetadata().getName()).isEqualTo("orders-api");
        assertThat(typed.resource().getSpec().cases.get(0).steps.get(0).http.auth).isEqualTo("admin");
    }

    @Test
    void reportsEveryUnknownFieldAndWrongTypeAtItsPath() throws Exception {
        String yaml = """
                apiVersion: itf.dev/v1alpha1
                kind: TestSuite
                metadata: {name: s}
                spec:
                  cases:
                    - id: A
                      title: t
                      retries: many
                      steps:
                        - http: {url: http://x, methd: GET}
                          expect: {format: json, jsonPath: {path: $.a}}
                        - http: {url: http://x, method: FETCH}
                """;
        Manifest m = Manifests.parse(FILE, yaml).get(0);
        Typed<TestSuite> typed = m.as(TestSuite.class);

        assertThat(typed.problems()).extracting(Problem::path).containsExactly(
                "spec.cases[0].retries",
                "spec.cases[0].steps[0].http.methd",
                "spec.cases[0].steps[0].expect.jsonPath",
                "spec.cases[0].steps[1].http.method");
        assertThat(typed.problems().get(0).message()).isEqualTo("must be an integer, not \"many\"");
        assertThat(typed.problems().get(1).message()).startsWith("unknown field \"methd\"; known fields: ");
        assertThat(typed.problems().get(2).message()).isEqualTo("must be a list, not a mapping");
        assertThat(typed.problems().get(3).message()).isEqualTo("must be one of GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS, not \"FETCH\"");
        assertThat(m.positionOf(typed.problems().get(1).path())).isEqualTo(new Position(10, 33));
        assertThat(typed.resource().getSpec().cases.get(0).steps).hasSize(2);
    }

    @Test
    void unknownFieldsOfKubernetesTypesAreReportedToo() throws Exception {
        String yaml = """
                apiVersion: itf.dev/v1alpha1
                kind: TestEnvironment
                metadata: {name: e, labels: {a: b}, nmae: x}
                spec:
                  components:
                    - name: web
                      type: service
                      env: [{name: A, valu: x}]
                      readiness: {httpget: {path: /, port: 8080}}
                """;
        Typed<dev.itf.api.TestEnvironment> typed = Manifests.parse(FILE, yaml).get(0).as(dev.itf.api.TestEnvironment.class);

        assertThat(typed.problems()).extracting(Problem::path).containsExactly(
                "metadata.nmae", "spec.components[0].env[0].valu", "spec.components[0].readiness.httpget");
        assertThat(typed.resource().getMetadata().getLabels()).containsEntry("a", "b");
    }

    @Test
    void badYamlNamesTheFileLineAndColumn() {
        assertThatThrownBy(() -> Manifests.parse(FILE, "kind: TestSuite\nspec: [a, b\n"))
                .isInstanceOf(ManifestException.class)
                .hasMessageStartingWith("suite.yaml:3:1: not valid YAML: ");
        assertThatThrownBy(() -> Manifests.parse(FILE, "kind: TestSuite\nkind: TestRun\n"))
                .hasMessage("suite.yaml:2:1: duplicate key \"kind\"");
        assertThatThrownBy(() -> Manifests.parse(FILE, "- a\n- b\n"))
                .hasMessage("suite.yaml:1:1: a document must be a mapping (apiVersion, kind, metadata, spec)");
    }

    @Test
    void aCharacterYamlForbidsIsNamedAtItsLineAndColumn() {
        assertThatThrownBy(() -> Manifests.parse(FILE, "kind: TestSuite\r\nmetadata: {name: a\u0000b}\n"))
                .hasMessage("suite.yaml:2:19: not valid YAML: the character U+0000 is not allowed; remove it, "
                        + "or write it as an escape in a double-quoted string");
        assertThatThrownBy(() -> Manifests.parse(FILE, "kind: TestSuite\nspec:\n  x: \"\u00e9\ud83d\ude00\u001b\"\n"))
                .hasMessageStartingWith("suite.yaml:3:9: not valid YAML: the character U+001B is not allowed");
    }

    @Test
    void limitsOfTheParserArePlacedToo() {
        String deep = "kind: TestSuite\nspec: " + "[".repeat(80) + "]".repeat(80) + "\n";
        assertThatThrownBy(() -> Manifests.parse(FILE, deep))
                .hasMessageMatching("suite\\.yaml:2:\\d+: not valid YAML: Nesting Depth exceeded max 50");
        assertThatThrownBy(() -> Manifests.parse(FILE, "a: &x\n  b: 1\nc: &\n  d: 2\n"))
                .hasMessageMatching("suite\\.yaml:\\d+:\\d+: not valid YAML: [^\\n]+");
    }

    @Test
    void aliasesThatMultiplyAreStoppedBeforeTheyFillTheMemory() {
        StringBuilder yaml = new StringBuilder("a0: &a0 [x, x]\n");
        for (int i = 1; i < 25; i++) {
            yaml.append("a").append(i).append(": &a").append(i).append(" [*a").append(i - 1).append(", *a").append(i - 1).append("]\n");
        }
        assertThatThrownBy(() -> Manifests.parse(FILE, yaml.toString()))
                .hasMessageMatching("suite\\.yaml:\\d+:\\d+: YAML aliases copy more than 100000 values; write the values out instead");
    }

    @Test
    void readsFilesAndSkipsEmptyDocuments(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("two.yaml");
        Files.writeString(file, "---\n---\nkind: TestSuite\nmetadata: {name: a}\n---\n");

        List<Manifest> all = Manifests.read(file);

        assertThat(all).singleElement().satisfies(m -> {
            assertThat(m.document()).isEqualTo(1);
            assertThat(m.file()).isEqualTo(file);
            assertThat(m.positionOf("metadata.name")).isEqualTo(new Position(4, 12));
        });
        assertThat(Manifests.readOne(file, TestSuite.class).resource().getMetadata().getName()).isEqualTo("a");
    }
}
