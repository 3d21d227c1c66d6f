package dev.itf.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.itf.json.Json;
import dev.itf.results.CaseResult;
import dev.itf.results.RunResult;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** The canonical JSON result (itf-results.json): the run's metadata and every case result. See docs/results-json.md. */
public final class JsonReport {

    /** Fields a newer ITF adds are ignored, so older tools still read its results. */
    private static final ObjectReader READER = Json.MAPPER.readerFor(RunResult.class)
            .without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private JsonReport() {
    }

    public static void write(RunResult result, Path file) throws IOException {
        Files.write(file, Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(result));
    }

    /** Reads a results file; an {@link UnreadableResults} names the file and what is wrong with it. */
    public static RunResult read(Path file) throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new UnreadableResults(file + ": no such file");
        } catch (AccessDeniedException e) {
            throw new UnreadableResults(file + ": permission denied");
        } catch (IOException e) {
            throw new UnreadableResults(file + ": cannot be read (" + e.getMessage() + ")");
        }
        JsonNode tree;
        try {
            tree = Json.MAPPER.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw new UnreadableResults(file + ": not JSON (" + e.getOriginalMessage() + " at line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr() + ")");
        }
        if (tree == null || !tree.isObject() || !tree.path("cases").isArray()) {
            throw new UnreadableResults(file + ": not ITF results: expected an object with a \"cases\" list, as itf run --format json writes");
        }
        RunResult result;
        try {
            result = READER.readValue(tree);
        } catch (JsonMappingException e) {
            throw new UnreadableResults(file + ": " + path(e) + ": " + e.getOriginalMessage().lines().findFirst().orElse(""));
        }
        for (int i = 0; i < result.cases.size(); i++) {
            CaseResult c = result.cases.get(i);
            if (c == null || c.caseId == null || c.caseId.isBlank()) {
                throw new UnreadableResults(file + ": cases[" + i + "].caseId is missing");
            }
            if (c.outcome == null) {
                throw new UnreadableResults(file + ": cases[" + i + "].outcome is missing (passed, failed, errored or skipped)");
            }
        }
        return result;
    }

    /** The field path of a mapping error, like cases[3].outcome. */
    private static String path(JsonMappingException e) {
        StringBuilder b = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                b.append(b.isEmpty() ? "" : ".").append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                b.append('[').append(r.getIndex()).append(']');
            }
        }
        return b.isEmpty() ? "(document)" : b.toString();
    }

    /** A results file that cannot be used; the message names the file and the problem. */
    public static final class UnreadableResults extends IOException {
        public UnreadableResults(String message) {
            super(message);
        }
    }
}
