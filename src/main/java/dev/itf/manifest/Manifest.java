package dev.itf.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.itf.api.Itf;
import dev.itf.validation.Problem;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * One YAML document of a file: its Jackson tree and where each of its fields starts, so that a problem found at
 * {@code spec.cases[3].steps[0].http.auth} can be reported at a line and column.
 */
public final class Manifest {

    private final Path file;
    private final int document;
    private final JsonNode node;
    /** Found when first asked: a large suite has a position for every field, and only a problem needs one. */
    private final Supplier<Map<String, Position>> positions;

    Manifest(Path file, int document, JsonNode node, Supplier<Map<String, Position>> positions) {
        this.file = file;
        this.document = document;
        this.node = node;
        this.positions = positions;
    }

    public Path file() {
        return file;
    }

    /** Index of the document in its file, from 0, counting every {@code ---} separated document. */
    public int document() {
        return document;
    }

    public JsonNode node() {
        return node;
    }

    public String kind() {
        return text(node.path("kind"));
    }

    public String apiVersion() {
        return text(node.path("apiVersion"));
    }

    public String name() {
        return text(node.path("metadata").path("name"));
    }

    public String namespace() {
        return text(node.path("metadata").path("namespace"));
    }

    /** True for documents of the itf.dev API group and for ITF's kinds, whatever their apiVersion says. */
    public boolean isItf() {
        String apiVersion = apiVersion();
        return (apiVersion != null && apiVersion.startsWith(Itf.GROUP + "/")) || (kind() != null && Itf.KINDS.contains(kind()));
    }

    /** For an ITF document whose apiVersion is missing or not the served one: the problem, naming the one to use. */
    public Optional<Problem> apiVersionProblem() {
        String apiVersion = apiVersion();
        if (Itf.API_VERSION.equals(apiVersion)) {
            return Optional.empty();
        }
        String use = "; use " + Itf.API_VERSION;
        if (apiVersion == null) {
            return Optional.of(new Problem("apiVersion", "is required" + use));
        }
        if (apiVersion.startsWith(Itf.GROUP + "/")) {
            return Optional.of(new Problem("apiVersion", "\"" + apiVersion + "\" is not served" + use));
        }
        return Optional.of(new Problem("apiVersion", "\"" + apiVersion + "\" is not the API version of a " + kind() + use));
    }

    /**
     * Where a field starts, for a path such as {@code spec.cases[3].steps[0].http.auth}; a path that does not exist
     * in the document falls back to its nearest existing parent, and at last to the start of the document.
     */
    public Position positionOf(String fieldPath) {
        String path = fieldPath == null ? "" : fieldPath;
        Map<String, Position> all = positions.get();
        while (true) {
            Position p = all.get(path);
            if (p != null) {
                return p;
            }
            if (path.isEmpty()) {
                return new Position(1, 1);
            }
            path = parent(path);
        }
    }

    /** A problem of this document as {@code file:line:column: field path: message}, the way lint and run print it. */
    public String format(Problem problem) {
        return file + ":" + positionOf(problem.path()) + ": " + (problem.path().isEmpty() ? "" : problem.path() + ": ") + problem.message();
    }

    /** Converts the document to one of the API types; unknown fields and wrong types come back as problems. */
    public <T> Typed<T> as(Class<T> type) {
        return TypedReader.read(node, type);
    }

    @Override
    public String toString() {
        return file + "#" + document + " " + kind() + " " + name();
    }

    static String parent(String path) {
        int cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
        return cut <= 0 ? "" : path.substring(0, cut);
    }

    private static String text(JsonNode n) {
        return n.isValueNode() && !n.isNull() ? n.asText() : null;
    }
}
