package dev.itf.operator.run;

import dev.itf.api.TestRun;
import dev.itf.api.TestSuite;
import dev.itf.json.Json;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Test data from a ConfigMap reaches the runner inline in suite.yaml; a data file next to the suite has no place in a cluster. */
class SuiteConfigMapDataTest {

    private static TestSuite suite(String data) throws Exception {
        return Json.YAML.readValue("""
                apiVersion: itf.dev/v1alpha1
                kind: TestSuite
                metadata: {name: s, namespace: ns}
                spec:
                  data: %s
                  cases: [{id: A, title: one two three, forEach: d, steps: [{wait: {duration: "${row.ms}ms"}}]}]
                """.formatted(data), TestSuite.class);
    }

    private static TestRun run() throws Exception {
        return Json.YAML.readValue("""
                apiVersion: itf.dev/v1alpha1
                kind: TestRun
                metadata: {name: r, namespace: ns, uid: u-1}
                spec: {suiteRef: {name: s}}
                """, TestRun.class);
    }

    @Test
    void rowsFromAConfigMapAreInlined() throws Exception {
        TestSuite s = suite("{d: {configMapRef: {name: rows}, key: rows.yaml}}");
        assertThat(SuiteConfigMap.schemaConfigMaps(s)).containsExactly("rows");
        var cm = SuiteConfigMap.build(run(), s, Map.of("rows", Map.of("rows.yaml", "- {ms: 1}\n- {ms: 2}\n")));
        var spec = Json.YAML.readTree(cm.getData().get(SuiteConfigMap.SUITE_KEY)).path("spec");
        assertThat(spec.path("data").path("d").toString()).isEqualTo("[{\"ms\":1},{\"ms\":2}]");
    }

    @Test
    void aMissingKeyOrADataFileIsAnErrorThatSaysWhatToDo() throws Exception {
        assertThatThrownBy(() -> SuiteConfigMap.build(run(), suite("{d: {configMapRef: {name: rows}, key: x.yaml}}"), Map.of("rows", Map.of())))
                .hasMessage("spec.data.d: ConfigMap rows has no key x.yaml");
        assertThatThrownBy(() -> SuiteConfigMap.build(run(), suite("{d: {file: rows.json}}"), Map.of()))
                .hasMessageContaining("spec.data.d: file rows.json is read next to the suite by itf run; in a cluster give the rows inline or from a ConfigMap");
    }
}
