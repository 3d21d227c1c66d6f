package dev.itf.api;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.client.utils.Serialization;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

import static org.assertj.core.api.Assertions.assertThat;

/** What the committed CRDs promise a Kubernetes 1.20 API server and `kubectl explain`. */
class CrdSchemaTest {

    /**
     * Kubernetes types embedded as they are; their own fields are documented upstream
     * (kubectl explain pod.spec.containers.env and so on), so only the embedding field needs a description here.
     */
    private static final Set<String> EMBEDDED_KUBERNETES_TYPES = Set.of(
            "testenvironments.itf.dev:spec.components[].env",
            "testenvironments.itf.dev:spec.components[].readiness",
            "testenvironments.itf.dev:spec.components[].resources",
            "testschedules.itf.dev:spec.triggers[].rollout.selector");

    @Test
    void everyResourceHasItsNamesColumnsAndStatusSubresource() throws IOException {
        assertResource("testsuites.itf.dev", "TestSuite", "tsuite", List.of("CASES", "VALID", "AGE"));
        assertResource("testenvironments.itf.dev", "TestEnvironment", "tenv", List.of("COMPONENTS", "VALID", "AGE"));
        assertResource("testruns.itf.dev", "TestRun", "trun",
                List.of("SUITE", "PHASE", "TOTAL", "PASSED", "FAILED", "DURATION", "STARTED", "AGE"));
        assertResource("testschedules.itf.dev", "TestSchedule", "tsched",
                List.of("SCHEDULE", "SUSPEND", "ACTIVE", "LAST RUN", "LAST PHASE", "AGE"));
    }

    private static void assertResource(String name, String kind, String shortName, List<String> columns) throws IOException {
        CustomResourceDefinition crd = load(name);
        assertThat(crd.getSpec().getGroup()).isEqualTo(Itf.GROUP);
        assertThat(crd.getSpec().getScope()).isEqualTo("Namespaced");
        assertThat(crd.getSpec().getNames().getKind()).isEqualTo(kind);
        assertThat(crd.getSpec().getNames().getShortNames()).containsExactly(shortName);
        assertThat(crd.getSpec().getVersions()).hasSize(1);
        CustomResourceDefinitionVersion version = crd.getSpec().getVersions().get(0);
        assertThat(version.getName()).isEqualTo(Itf.VERSION);
        assertThat(version.getServed()).isTrue();
        assertThat(version.getStorage()).isTrue();
        assertThat(version.getSubresources().getStatus()).as("%s status subresource", name).isNotNull();
        assertThat(version.getAdditionalPrinterColumns()).extracting(CustomResourceColumnDefinition::getName)
                .as("%s printer columns", name).containsExactlyElementsOf(columns);
    }

    @Test
    void everyFieldHasADescription() throws IOException {
        List<String> undocumented = new ArrayList<>();
        for (String name : crdNames()) {
            walk(root(name), "", (path, schema) -> {
                boolean embedded = EMBEDDED_KUBERNETES_TYPES.stream().anyMatch(e -> isBelow(name + ":" + path, e));
                if (!path.isEmpty() && !path.endsWith("[]") && !path.endsWith("{}") && !embedded && isBlank(schema.getDescription())) {
                    undocumented.add(name + ": " + path);
                }
            });
        }
        assertThat(undocumented)
                .withFailMessage(() -> "fields without a description (add @JsonPropertyDescription to the API type, then "
                        + CrdFiles.REGENERATE + "):\n" + String.join("\n", undocumented))
                .isEmpty();
    }

    @Test
    void schemasAreStructural() throws IOException {
        List<String> problems = new ArrayList<>();
        for (String name : crdNames()) {
            walk(root(name), "", (path, schema) -> {
                boolean intOrString = Boolean.TRUE.equals(schema.getXKubernetesIntOrString());
                boolean preserve = Boolean.TRUE.equals(schema.getXKubernetesPreserveUnknownFields());
                if (isBlank(schema.getType()) && !intOrString && !preserve) {
                    problems.add(name + ": " + path + " has no type");
                }
                if (schema.getNullable() != null) {
                    problems.add(name + ": " + path + " sets nullable");
                }
                boolean anyOf = schema.getAnyOf() != null && !schema.getAnyOf().isEmpty();
                if (anyOf && !intOrString) {
                    problems.add(name + ": " + path + " uses anyOf outside x-kubernetes-int-or-string");
                }
                if (anyOf && schema.getAnyOf().stream().anyMatch(a -> a.getDescription() != null || (a.getProperties() != null && !a.getProperties().isEmpty()))) {
                    problems.add(name + ": " + path + " has an anyOf branch with a description or properties");
                }
            });
        }
        assertThat(problems).withFailMessage(() -> String.join("\n", problems)).isEmpty();
    }

    @Test
    void theSchemaCarriesRequiredFieldsEnumsPatternsMinimumsAndDefaults() throws IOException {
        JSONSchemaProps run = root("testruns.itf.dev").getProperties().get("spec");
        assertThat(run.getRequired()).containsExactly("suiteRef");
        assertThat(run.getProperties().get("suiteRef").getRequired()).containsExactly("name");
        assertThat(run.getProperties().get("suiteRef").getProperties().get("name").getPattern()).isEqualTo(Itf.DNS1123_SUBDOMAIN_PATTERN);
        JSONSchemaProps parallelism = run.getProperties().get("parallelism");
        assertThat(parallelism.getMinimum()).isEqualTo(1.0);
        assertThat(parallelism.getDefault().asInt()).isEqualTo(1);
        assertThat(run.getProperties().get("timeout").getPattern()).isEqualTo(Itf.DURATION_PATTERN);
        assertThat(run.getProperties().get("timeout").getDefault().asText()).isEqualTo("30m");
        JSONSchemaProps cleanupNamespace = run.getProperties().get("cleanup").getProperties().get("namespace");
        assertThat(cleanupNamespace.getEnum()).extracting(e -> e.asText()).containsExactlyInAnyOrder("Always", "OnSuccess", "Never");
        assertThat(cleanupNamespace.getDefault().asText()).isEqualTo("Always");
        assertThat(run.getProperties().get("cleanup").getProperties().get("ttlSecondsAfterFinished").getMinimum()).isEqualTo(0.0);
        JSONSchemaProps phase = root("testruns.itf.dev").getProperties().get("status").getProperties().get("phase");
        assertThat(phase.getEnum()).extracting(e -> e.asText())
                .containsExactlyInAnyOrder("Pending", "Provisioning", "Running", "Succeeded", "Failed", "Error");

        JSONSchemaProps suite = root("testsuites.itf.dev").getProperties().get("spec");
        assertThat(suite.getRequired()).containsExactly("cases");
        assertThat(suite.getProperties().get("cases").getMinItems()).isEqualTo(1L);
        JSONSchemaProps testCase = suite.getProperties().get("cases").getItems().getSchema();
        assertThat(testCase.getRequired()).containsExactlyInAnyOrder("id", "title", "steps");
        assertThat(testCase.getProperties().get("id").getPattern()).isNotBlank();
        assertThat(testCase.getProperties().get("timeout").getPattern()).isEqualTo(Itf.DURATION_PATTERN);
        assertThat(testCase.getProperties().get("retries").getMinimum()).isEqualTo(0.0);

        JSONSchemaProps environment = root("testenvironments.itf.dev").getProperties().get("spec");
        assertThat(environment.getProperties().get("provisioningTimeout").getDefault().asText()).isEqualTo("5m");
        JSONSchemaProps component = environment.getProperties().get("components").getItems().getSchema();
        assertThat(component.getRequired()).containsExactlyInAnyOrder("name", "type");
        assertThat(component.getProperties().get("name").getPattern()).isEqualTo(Itf.DNS1035_PATTERN);
        assertThat(component.getProperties().get("type").getEnum()).extracting(e -> e.asText())
                .containsExactlyInAnyOrder("service", "database", "queue", "cache", "manifests");
        assertThat(component.getProperties().get("ports").getItems().getSchema().getProperties().get("port").getMaximum()).isEqualTo(65535.0);
        assertThat(environment.getProperties().get("isolation").getProperties().get("networkPolicy").getDefault().asBoolean()).isTrue();
        JSONSchemaProps quota = environment.getProperties().get("isolation").getProperties().get("resourceQuota");
        assertThat(quota.getProperties().get("cpu").getXKubernetesIntOrString()).isTrue();
        assertThat(quota.getProperties().get("memory").getXKubernetesIntOrString()).isTrue();
    }

    @Test
    void embeddedKubernetesTypesRenderAsTheirOwnSchema() throws IOException {
        JSONSchemaProps component = root("testenvironments.itf.dev").getProperties().get("spec")
                .getProperties().get("components").getItems().getSchema();
        JSONSchemaProps readiness = component.getProperties().get("readiness");
        assertThat(readiness.getType()).isEqualTo("object");
        assertThat(readiness.getProperties().get("httpGet").getProperties().get("port").getXKubernetesIntOrString()).isTrue();
        assertThat(readiness.getProperties().get("tcpSocket").getProperties().get("port").getXKubernetesIntOrString()).isTrue();
        assertThat(readiness.getProperties().get("periodSeconds").getType()).isEqualTo("integer");
        JSONSchemaProps env = component.getProperties().get("env").getItems().getSchema();
        assertThat(env.getProperties()).containsKeys("name", "value", "valueFrom");
        assertThat(env.getProperties().get("valueFrom").getProperties()).containsKeys("secretKeyRef", "configMapKeyRef", "fieldRef");
        JSONSchemaProps resources = component.getProperties().get("resources");
        assertThat(resources.getProperties().get("limits").getAdditionalProperties().getSchema().getXKubernetesIntOrString()).isTrue();
        assertThat(resources.getProperties().get("requests").getAdditionalProperties().getSchema().getXKubernetesIntOrString()).isTrue();
        JSONSchemaProps manifests = component.getProperties().get("manifests");
        assertThat(manifests.getItems().getSchema().getXKubernetesPreserveUnknownFields()).isTrue();
    }

    @Test
    void conditionsHaveTheMetav1ConditionShape() throws IOException {
        for (String name : crdNames()) {
            JSONSchemaProps condition = root(name).getProperties().get("status").getProperties().get("conditions").getItems().getSchema();
            assertThat(condition.getProperties()).as(name)
                    .containsOnlyKeys("type", "status", "reason", "message", "lastTransitionTime", "observedGeneration");
        }
    }

    private static void walk(JSONSchemaProps schema, String path, BiConsumer<String, JSONSchemaProps> visit) {
        visit.accept(path, schema);
        if (schema.getProperties() != null) {
            for (Map.Entry<String, JSONSchemaProps> property : schema.getProperties().entrySet()) {
                walk(property.getValue(), path.isEmpty() ? property.getKey() : path + "." + property.getKey(), visit);
            }
        }
        if (schema.getItems() != null && schema.getItems().getSchema() != null) {
            walk(schema.getItems().getSchema(), path + "[]", visit);
        }
        if (schema.getAdditionalProperties() != null && schema.getAdditionalProperties().getSchema() != null) {
            walk(schema.getAdditionalProperties().getSchema(), path + "{}", visit);
        }
    }

    private static boolean isBelow(String path, String parent) {
        return path.startsWith(parent + ".") || path.startsWith(parent + "[]") || path.startsWith(parent + "{}");
    }

    private static boolean isBlank(String text) {
        return text == null || text.isBlank();
    }

    private static List<String> crdNames() {
        return CrdFiles.FILE_NAMES.stream().map(f -> f.replace(".yaml", "")).sorted().toList();
    }

    private static JSONSchemaProps root(String name) throws IOException {
        return load(name).getSpec().getVersions().get(0).getSchema().getOpenAPIV3Schema();
    }

    private static CustomResourceDefinition load(String name) throws IOException {
        String yaml = Files.readString(CrdFiles.DIR.resolve(name + ".yaml"));
        return Serialization.unmarshal(yaml, CustomResourceDefinition.class);
    }
}
