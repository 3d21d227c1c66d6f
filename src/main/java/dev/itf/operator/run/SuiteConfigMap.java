package dev.itf.operator.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.itf.json.Json;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import dev.itf.api.Expect;
import dev.itf.api.Itf;
import dev.itf.api.LocalObjectRef;
import dev.itf.api.Step;
import dev.itf.api.TestCase;
import dev.itf.api.TestRun;
import dev.itf.api.TestSuite;
import dev.itf.api.TestSuiteSpec;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The resolved suite as the runner reads it from /suite: the suite's spec, with every schemaRef to a ConfigMap turned
 * into a file next to suite.yaml (copied from that ConfigMap). The runner selects the cases (see RunnerJob).
 */
public final class SuiteConfigMap {
    public static final String SUITE_KEY = "suite.yaml";
    public static final String MOUNT_PATH = "/suite";

    private static final ObjectMapper YAML = Json.yaml(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES).enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS));

    private SuiteConfigMap() {
    }

    /** @param schemas the referenced schema ConfigMaps' data, by ConfigMap name */
    public static ConfigMap build(TestRun run, TestSuite suite, Map<String, Map<String, String>> schemas) {
        TestSuiteSpec spec = YAML.convertValue(suite.getSpec(), TestSuiteSpec.class);
        Map<String, String> data = new TreeMap<>();
        for (TestCase c : spec.cases) {
            for (Step s : c.steps) {
                Expect e = s.expect;
                if (e != null && e.openapi != null && e.openapi.spec != null && e.openapi.spec.has("configMapRef")) {
                    // the runner reads an OpenAPI document from a ConfigMap as a file next to the suite
                    String cmName = e.openapi.spec.path("configMapRef").path("name").asText();
                    String key = e.openapi.spec.path("key").asText();
                    String text = schemas.getOrDefault(cmName, Map.of()).get(key);
                    if (text == null) {
                        throw new IllegalArgumentException("case " + c.id + ": openapi.spec ConfigMap " + cmName + " has no key " + key);
                    }
                    String file = "openapi." + cmName + "." + key;
                    data.put(file, text);
                    e.openapi.spec = com.fasterxml.jackson.databind.node.TextNode.valueOf(file);
                }
                if (e != null && e.schemaRef != null && e.schemaRef.configMapRef != null) {
                    String file = schemaFile(e.schemaRef.configMapRef, e.schemaRef.key);
                    Map<String, String> cm = schemas.get(e.schemaRef.configMapRef.name);
                    String schema = cm == null ? null : cm.get(e.schemaRef.key);
                    if (schema == null) {
                        throw new IllegalArgumentException("case " + c.id + ": schemaRef ConfigMap "
                                + e.schemaRef.configMapRef.name + " has no key " + e.schemaRef.key);
                    }
                    data.put(file, schema);
                    e.schemaRef.file = file;
                    e.schemaRef.configMapRef = null;
                    e.schemaRef.key = null;
                }
            }
        }
        inlineData(spec, schemas);
        ObjectNode doc = YAML.createObjectNode();
        doc.put("apiVersion", Itf.API_VERSION);
        doc.put("kind", "TestSuite");
        doc.putObject("metadata").put("name", suite.getMetadata().getName());
        doc.set("spec", YAML.valueToTree(spec));
        try {
            data.put(SUITE_KEY, YAML.writeValueAsString(doc));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        return new ConfigMapBuilder()
                .withNewMetadata().withName(RunNames.SUITE_CONFIG_MAP).withNamespace(RunNames.namespace(run))
                .withLabels(RunLabels.of(run)).endMetadata()
                .withData(data)
                .build();
    }

    /**
     * Test data from a ConfigMap becomes inline rows (the ConfigMap's key holds JSON or YAML); a data file next to the
     * suite exists only for itf run, so in a cluster it is an error that says what to use instead.
     */
    private static void inlineData(TestSuiteSpec spec, Map<String, Map<String, String>> configMaps) {
        if (spec.data == null) {
            return;
        }
        spec.data.replaceAll((name, set) -> {
            if (set == null || !set.isObject()) {
                return set;
            }
            if (set.has("file")) {
                throw new IllegalArgumentException("spec.data." + name + ": file " + set.path("file").asText()
                        + " is read next to the suite by itf run; in a cluster give the rows inline or from a ConfigMap (configMapRef, key)");
            }
            String cm = set.path("configMapRef").path("name").asText();
            String key = set.path("key").asText();
            String text = configMaps.getOrDefault(cm, Map.of()).get(key);
            if (text == null) {
                throw new IllegalArgumentException("spec.data." + name + ": ConfigMap " + cm + " has no key " + key);
            }
            try {
                return Json.YAML.readTree(text);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalArgumentException("spec.data." + name + ": ConfigMap " + cm + " key " + key
                        + " is not JSON or YAML: " + e.getOriginalMessage());
            }
        });
    }

    /** The names of the ConfigMaps the suite's schemaRefs and test data read. */
    public static List<String> schemaConfigMaps(TestSuite suite) {
        List<String> names = new ArrayList<>();
        if (suite.getSpec().data != null) {
            suite.getSpec().data.values().forEach(set -> {
                String cm = set == null ? "" : set.path("configMapRef").path("name").asText("");
                if (!cm.isEmpty() && !names.contains(cm)) {
                    names.add(cm);
                }
            });
        }
        for (TestCase c : suite.getSpec().cases) {
            for (Step s : c.steps) {
                String openapi = s.expect == null || s.expect.openapi == null || s.expect.openapi.spec == null ? ""
                        : s.expect.openapi.spec.path("configMapRef").path("name").asText("");
                if (!openapi.isEmpty() && !names.contains(openapi)) {
                    names.add(openapi);
                }
                if (s.expect != null && s.expect.schemaRef != null && s.expect.schemaRef.configMapRef != null
                        && !names.contains(s.expect.schemaRef.configMapRef.name)) {
                    names.add(s.expect.schemaRef.configMapRef.name);
                }
            }
        }
        return names;
    }

    static String schemaFile(LocalObjectRef configMap, String key) {
        return "schema." + configMap.name + "." + key;
    }
}
