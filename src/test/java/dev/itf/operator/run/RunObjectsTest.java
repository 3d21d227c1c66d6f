package dev.itf.operator.run;

import dev.itf.json.Json;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import dev.itf.api.Component;
import dev.itf.api.TestEnvironment;
import dev.itf.api.TestRun;
import dev.itf.api.TestSuite;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.utils.Serialization;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Golden files: golden/run/in-NAME.yaml (a run, its suite, environment and the values read from the cluster) must
 * build exactly the objects in golden/run/out-NAME.yaml. Run with -Dgolden.update=true to rewrite the outputs.
 */
class RunObjectsTest {
    static final Path DIR = Path.of("src/test/resources/golden/run");
    static final ObjectMapper YAML = Json.yaml(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER).enable(YAMLGenerator.Feature.MINIMIZE_QUOTES).enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS));
    static final Set<String> used = new HashSet<>();

    @TestFactory
    Stream<DynamicTest> goldenFiles() throws IOException {
        return dev.itf.GoldenFiles.each(DIR, this::check);
    }

    @Test
    void everyOutputHasAnInput() throws IOException {
        try (Stream<Path> files = Files.list(DIR)) {
            List<String> orphans = files.map(p -> p.getFileName().toString())
                    .filter(n -> n.startsWith("out-"))
                    .filter(n -> !Files.exists(DIR.resolve("in-" + n.substring(4))))
                    .toList();
            assertThat(orphans).as("golden outputs without an input").isEmpty();
        }
        try (Stream<Path> files = Files.list(DIR)) {
            List<String> stray = files.map(p -> p.getFileName().toString())
                    .filter(n -> !n.startsWith("in-") && !n.startsWith("out-")).toList();
            assertThat(stray).as("files that are neither in- nor out-").isEmpty();
        }
    }

    private void check(Path in) throws IOException {
        JsonNode doc = YAML.readTree(in.toFile());
        RunInputs inputs = inputs(doc);
        List<HasMetadata> objects = new ArrayList<>(RunObjects.namespace(inputs));
        for (Component c : inputs.components()) {
            objects.addAll(RunObjects.component(inputs, c));
        }
        objects.addAll(RunObjects.runners(inputs, doc.path("deadlineSeconds").asLong(1800)));
        List<JsonNode> actual = new ArrayList<>();
        for (HasMetadata o : objects) {
            // through YAML text, so numbers compare by value and not by the Java type that held them
            actual.add(YAML.readTree(YAML.writeValueAsString(Serialization.jsonMapper().valueToTree(o))));
        }
        Path out = DIR.resolve("out-" + in.getFileName().toString().substring(3));
        if (Boolean.getBoolean("golden.update")) {
            StringWriter w = new StringWriter();
            try (SequenceWriter seq = YAML.writer().writeValues(w)) {
                for (JsonNode n : actual) {
                    seq.write(n);
                }
            }
            Files.writeString(out, w.toString());
        }
        assertThat(out).as("golden output for " + in).exists();
        List<JsonNode> expected = readAll(out);
        assertThat(actual).as(out.toString()).hasSize(expected.size());
        for (int i = 0; i < expected.size(); i++) {
            assertThat(actual.get(i)).as(out + " document " + (i + 1)).isEqualTo(expected.get(i));
        }
    }

    static List<JsonNode> readAll(Path file) throws IOException {
        List<JsonNode> docs = new ArrayList<>();
        try (YAMLParser parser = (YAMLParser) YAML.getFactory().createParser(file.toFile())) {
            var it = YAML.readValues(parser, JsonNode.class);
            while (it.hasNext()) {
                docs.add(it.next());
            }
        }
        return docs;
    }

    static RunInputs inputs(JsonNode doc) {
        ObjectMapper json = Serialization.jsonMapper();
        TestRun run = json.convertValue(doc.get("run"), TestRun.class);
        TestSuite suite = json.convertValue(doc.get("suite"), TestSuite.class);
        TestEnvironment env = doc.has("environment") ? json.convertValue(doc.get("environment"), TestEnvironment.class) : null;
        RunnerSettings settings = json.convertValue(doc.get("settings"), RunnerSettings.class);
        Map<String, String> passwords = json.convertValue(doc.path("passwords"), new TypeReference<Map<String, String>>() { });
        Map<String, Map<String, String>> init = json.convertValue(doc.path("initScripts"), new TypeReference<Map<String, Map<String, String>>>() { });
        Map<String, Map<String, String>> schemas = json.convertValue(doc.path("schemas"), new TypeReference<Map<String, Map<String, String>>>() { });
        List<Secret> secrets = json.convertValue(doc.path("secrets"), new TypeReference<List<Secret>>() { });
        return new RunInputs(run, suite, env, settings, orEmpty(passwords), orEmpty(init), orEmpty(schemas),
                secrets == null ? List.of() : secrets, doc.get("token").asText());
    }

    private static <K, V> Map<K, V> orEmpty(Map<K, V> m) {
        return m == null ? Map.of() : m;
    }
}
