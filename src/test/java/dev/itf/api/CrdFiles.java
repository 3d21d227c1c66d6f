package dev.itf.api;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.crdv2.generator.CRDGenerator;
import io.fabric8.crdv2.generator.CRDPostProcessor;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/** The CRDs of the itf.dev resources, generated from the API types by the fabric8 CRD generator. */
final class CrdFiles {
    /** Where the committed CRDs live, relative to the project root. */
    static final Path DIR = Path.of("crds");
    /** The copy the Helm chart installs. */
    static final Path CHART_DIR = Path.of("helm", "itf", "crds");
    static final String REGENERATE = "./mvnw -B test -Dtest=CrdDriftTest -Ditf.update=true";

    static final List<Class<? extends HasMetadata>> RESOURCES = List.of(TestSuite.class, TestEnvironment.class, TestRun.class, TestSchedule.class);

    /** What `kubectl explain KIND`, `KIND.spec` and `KIND.status` print. */
    private static final Map<String, List<String>> KIND_DESCRIPTIONS = Map.of(
            "TestSuite", List.of(
                    "What to test: cases made of ordered steps (HTTP, GraphQL, messages, SQL, Redis), their auth profiles and defaults.",
                    "The suite: variables, auth profiles, defaults and cases.",
                    "The result of validating the suite: the Valid condition and the number of cases."),
            "TestEnvironment", List.of(
                    "What to test against: the components provisioned into each run's own namespace.",
                    "The environment: its components, their isolation and how long they may take to start.",
                    "The result of validating the environment: the Valid condition and the number of components."),
            "TestRun", List.of(
                    "One run of a TestSuite against a TestEnvironment, in a fresh namespace; the spec does not change after creation.",
                    "What to run: the suite, the environment, which cases, how many shards, the time budget and the cleanup policy.",
                    "Progress and outcome of the run: phase, conditions, case counts, failures and where the reports are."),
            "TestSchedule", List.of(
                    "Starts TestRuns from a template on a cron schedule and after rollouts of workloads of its namespace.",
                    "When to start runs (cron schedule, time zone, rollout triggers, debounce), what to do while one is active, and the run template.",
                    "Active runs, the last run and its phase, the last tick and trigger, a run waiting to start, and the Valid condition."));

    /** metav1.Condition, which the fabric8 Condition type renders without descriptions. */
    private static final Map<String, String> CONDITION_DESCRIPTIONS = Map.of(
            "type", "Type of the condition, e.g. Valid, Completed or Succeeded.",
            "status", "True, False or Unknown.",
            "reason", "Why the condition has this status, in CamelCase.",
            "message", "What happened, for humans; names the field path and the problem.",
            "lastTransitionTime", "When the status last changed (RFC 3339).",
            "observedGeneration", "The generation of the spec the condition was set for.");

    private CrdFiles() {
    }

    /** File name (e.g. testruns.itf.dev.yaml) to content, freshly generated. */
    static Map<String, String> generate() {
        try {
            Path out = Files.createTempDirectory("itf-crds");
            new CRDGenerator()
                    .customResourceClasses(RESOURCES)
                    .forCRDVersions("v1")
                    .withParallelGenerationEnabled(false)
                    .withPostProcessor(new Documenter())
                    .inOutputDir(out.toFile())
                    .generate();
            Map<String, String> files = new LinkedHashMap<>();
            try (Stream<Path> generated = Files.list(out).sorted()) {
                for (Path file : generated.toList()) {
                    String name = file.getFileName().toString().replace("-v1.yml", ".yaml");
                    files.put(name, withHeader(Files.readString(file)));
                    Files.delete(file);
                }
            }
            Files.delete(out);
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String withHeader(String generated) {
        String body = generated.startsWith("#") ? generated.substring(generated.indexOf('\n') + 1) : generated;
        return "# Generated from the dev.itf.api types; do not edit. Regenerate with: " + REGENERATE + "\n" + body;
    }

    /** Adds what the generator leaves out: kind, spec, status and condition descriptions, and columns in declared order. */
    private static final class Documenter implements CRDPostProcessor {
        @Override
        public HasMetadata process(HasMetadata crd, String crdSpecVersion) {
            CustomResourceDefinition definition = (CustomResourceDefinition) crd;
            String kind = definition.getSpec().getNames().getKind();
            List<String> texts = KIND_DESCRIPTIONS.get(kind);
            Class<? extends HasMetadata> type = RESOURCES.stream()
                    .filter(r -> r.getSimpleName().equals(kind)).findFirst().orElseThrow();
            for (CustomResourceDefinitionVersion version : definition.getSpec().getVersions()) {
                JSONSchemaProps root = version.getSchema().getOpenAPIV3Schema();
                root.setDescription(texts.get(0));
                root.getProperties().get("spec").setDescription(texts.get(1));
                root.getProperties().get("status").setDescription(texts.get(2));
                describeConditions(root);
                version.getAdditionalPrinterColumns().sort(declaredOrder(type));
            }
            return crd;
        }

        private static Comparator<CustomResourceColumnDefinition> declaredOrder(Class<?> type) {
            List<String> names = Arrays.stream(type.getAnnotationsByType(AdditionalPrinterColumn.class))
                    .map(AdditionalPrinterColumn::name).toList();
            return Comparator.comparingInt(column -> names.indexOf(column.getName()));
        }

        private static void describeConditions(JSONSchemaProps schema) {
            if (schema.getProperties() != null) {
                schema.getProperties().values().forEach(Documenter::describeConditions);
                if (schema.getProperties().keySet().equals(CONDITION_DESCRIPTIONS.keySet())) {
                    schema.getProperties().forEach((name, property) -> property.setDescription(CONDITION_DESCRIPTIONS.get(name)));
                }
            }
            if (schema.getItems() != null && schema.getItems().getSchema() != null) {
                describeConditions(schema.getItems().getSchema());
            }
            if (schema.getAdditionalProperties() != null && schema.getAdditionalProperties().getSchema() != null) {
                describeConditions(schema.getAdditionalProperties().getSchema());
            }
        }
    }

    static final Set<String> FILE_NAMES = Set.of("testsuites.itf.dev.yaml", "testenvironments.itf.dev.yaml", "testruns.itf.dev.yaml",
            "testschedules.itf.dev.yaml");
}
