package dev.itf.report;

import dev.itf.json.Json;
import dev.itf.results.RunResult;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The canonical JSON result (itf-results.json): the run's metadata and every case result. See docs/results-json.md. */
public final class JsonReport {

    private JsonReport() {
    }

    public static void write(RunResult result, Path file) throws IOException {
        Files.write(file, Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(result));
    }

    public static RunResult read(Path file) throws IOException {
        return Json.MAPPER.readValue(file.toFile(), RunResult.class);
    }
}
