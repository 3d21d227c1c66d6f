package dev.itf.operator.schedule;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import dev.itf.api.TestRun;
import dev.itf.api.TestSchedule;
import dev.itf.json.Json;
import io.fabric8.kubernetes.client.utils.Serialization;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Golden files: golden/schedule/in-NAME.yaml (a schedule, the due time and the trigger reasons) must build exactly
 * the TestRun in golden/schedule/out-NAME.yaml. Run with -Dgolden.update=true to rewrite the outputs.
 */
class ScheduledRunTest {
    static final Path DIR = Path.of("src/test/resources/golden/schedule");
    static final ObjectMapper YAML = Json.yaml(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER).enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));

    @TestFactory
    Stream<DynamicTest> goldenFiles() throws IOException {
        return dev.itf.GoldenFiles.each(DIR, this::check);
    }

    @Test
    void everyOutputHasAnInputAndNothingElseIsThere() throws IOException {
        try (Stream<Path> files = Files.list(DIR)) {
            List<String> wrong = files.map(p -> p.getFileName().toString())
                    .filter(n -> !(n.startsWith("in-") || n.startsWith("out-") && Files.exists(DIR.resolve("in-" + n.substring(4)))))
                    .toList();
            assertThat(wrong).as("outputs without an input, or files that are neither").isEmpty();
        }
    }

    private void check(Path in) throws IOException {
        JsonNode doc = YAML.readTree(in.toFile());
        ObjectMapper json = Serialization.jsonMapper();
        TestSchedule schedule = json.convertValue(doc.get("schedule"), TestSchedule.class);
        List<String> reasons = json.convertValue(doc.get("reasons"), new TypeReference<List<String>>() { });
        TestRun run = ScheduledRun.build(schedule, Instant.parse(doc.get("due").asText()), reasons);
        JsonNode actual = YAML.readTree(YAML.writeValueAsString(json.valueToTree(run)));
        Path out = DIR.resolve("out-" + in.getFileName().toString().substring(3));
        if (Boolean.getBoolean("golden.update")) {
            Files.writeString(out, YAML.writeValueAsString(actual));
        }
        assertThat(out).as("golden output for " + in).exists();
        assertThat(actual).as(out.toString()).isEqualTo(YAML.readTree(out.toFile()));
    }
}
