package dev.itf.api;

import dev.itf.chart.FirstDifference;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * crds/ and the chart's copy must be exactly what the API types generate.
 * Run with -Ditf.update=true to rewrite them instead.
 */
class CrdDriftTest {

    @Test
    void committedCrdsMatchTheApiTypes() throws IOException {
        Map<String, String> generated = CrdFiles.generate();
        assertThat(generated.keySet()).containsExactlyInAnyOrderElementsOf(CrdFiles.FILE_NAMES);
        boolean update = Boolean.getBoolean("itf.update");
        List<String> problems = new ArrayList<>();
        for (Path dir : List.of(CrdFiles.DIR, CrdFiles.CHART_DIR)) {
            if (update) {
                write(dir, generated);
            }
            problems.addAll(differences(dir, generated));
        }
        assertThat(problems)
                .withFailMessage(() -> String.join("\n", problems)
                        + "\nThe CRDs are generated from the dev.itf.api types; regenerate them with: " + CrdFiles.REGENERATE)
                .isEmpty();
    }

    private static List<String> differences(Path dir, Map<String, String> generated) throws IOException {
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, String> file : generated.entrySet()) {
            Path path = dir.resolve(file.getKey());
            if (!Files.exists(path)) {
                problems.add(path + " is missing");
            } else if (!Files.readString(path).equals(file.getValue())) {
                problems.add(path + " differs from what the API types generate ("
                        + FirstDifference.of(file.getValue(), Files.readString(path)) + ")");
            }
        }
        for (Path path : yamlFiles(dir)) {
            if (!generated.containsKey(path.getFileName().toString())) {
                problems.add(path + " is not generated from any API type");
            }
        }
        return problems;
    }

    private static void write(Path dir, Map<String, String> generated) throws IOException {
        Files.createDirectories(dir);
        for (Path stale : yamlFiles(dir)) {
            Files.delete(stale);
        }
        for (Map.Entry<String, String> file : generated.entrySet()) {
            Files.writeString(dir.resolve(file.getKey()), file.getValue());
        }
    }

    private static List<Path> yamlFiles(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml")).sorted().toList();
        }
    }
}
