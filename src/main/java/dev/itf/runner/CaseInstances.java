package dev.itf.runner;

import com.fasterxml.jackson.databind.JsonNode;
import dev.itf.api.TestCase;
import dev.itf.api.TestSuiteSpec;
import dev.itf.json.Json;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The cases a suite runs: a case with {@code forEach: NAME} becomes one instance per row of {@code spec.data.NAME},
 * named {@code ID[1]}, {@code ID[2]}, ... or {@code ID[<row.id>]} when the row has an id, with every
 * {@code ${row.FIELD}} of the case replaced by the row's value before anything else is rendered. A value is inserted
 * as text: a {@code ${} inside it stays literal. Other cases pass through unchanged.
 */
public final class CaseInstances {

    /** Where a data set's rows come from; a ConfigMap is read, locally, from {@code data/<configmap>/<key>} next to the suite. */
    private final Path suiteDirectory;

    public CaseInstances(Path suiteDirectory) {
        this.suiteDirectory = suiteDirectory;
    }

    /** The id of the case an instance id belongs to: {@code API_001} for {@code API_001[2]}; other ids as they are. */
    public static String baseId(String id) {
        if (id == null) {
            return null;
        }
        int bracket = id.indexOf('[');
        return bracket > 0 && id.endsWith("]") ? id.substring(0, bracket) : id;
    }

    /** Every case of the spec, forEach cases expanded; a data set that cannot be read is an error naming it. */
    public List<TestCase> expand(TestSuiteSpec spec) {
        List<TestCase> out = new ArrayList<>();
        Map<String, List<JsonNode>> sets = new LinkedHashMap<>();
        for (TestCase c : spec.cases) {
            if (c.forEach == null || c.forEach.isBlank()) {
                out.add(c);
                continue;
            }
            List<JsonNode> rows = sets.computeIfAbsent(c.forEach, name -> rows(spec, name, c.id));
            for (int i = 0; i < rows.size(); i++) {
                out.add(instance(c, rows.get(i), i + 1));
            }
        }
        return out;
    }

    /** The rows of data set {@code name}, each an object; for callers outside a run (docs, lint). */
    public List<JsonNode> rows(TestSuiteSpec spec, String name) {
        return rows(spec, name, null);
    }

    private List<JsonNode> rows(TestSuiteSpec spec, String name, String caseId) {
        String where = "spec.data." + name;
        JsonNode set = spec.data == null ? null : spec.data.get(name);
        if (set == null) {
            throw new IllegalArgumentException((caseId == null ? "" : "case " + caseId + ": ") + "forEach: " + name
                    + " is not a data set of spec.data" + (spec.data == null || spec.data.isEmpty() ? " (the suite has none)"
                    : "; spec.data has " + String.join(", ", spec.data.keySet())));
        }
        JsonNode rows = set;
        if (set.isObject()) {
            Path file = file(where, set);
            try {
                rows = Json.YAML.readTree(Files.readString(file));
            } catch (IOException e) {
                throw new IllegalArgumentException(where + ": cannot read " + file + ": " + e.getMessage());
            }
            where = where + " (" + file + ")";
        }
        if (rows == null || !rows.isArray()) {
            throw new IllegalArgumentException(where + ": must be a list of rows (objects)");
        }
        List<JsonNode> list = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            if (!rows.get(i).isObject()) {
                throw new IllegalArgumentException(where + "[" + i + "]: a row must be an object of fields, not " + rows.get(i));
            }
            list.add(rows.get(i));
        }
        if (list.isEmpty()) {
            throw new IllegalArgumentException(where + ": has no rows; a forEach case needs at least one");
        }
        return list;
    }

    private Path file(String where, JsonNode set) {
        if (set.hasNonNull("file")) {
            return suiteDirectory.resolve(set.get("file").asText());
        }
        JsonNode ref = set.path("configMapRef");
        if (ref.hasNonNull("name") && set.hasNonNull("key")) {
            return suiteDirectory.resolve("data").resolve(ref.get("name").asText()).resolve(set.get("key").asText());
        }
        throw new IllegalArgumentException(where + ": give a list of rows, {file: FILE} or {configMapRef: {name: NAME}, key: KEY}");
    }

    private static TestCase instance(TestCase c, JsonNode row, int position) {
        String id = c.id + "[" + (row.hasNonNull("id") && row.get("id").isValueNode() ? row.get("id").asText() : Integer.toString(position)) + "]";
        JsonNode tree = Json.MAPPER.valueToTree(c);
        JsonNode filled = Json.mapStrings(tree, text -> fill(text, row, id, true));
        try {
            TestCase out = Json.MAPPER.treeToValue(filled, TestCase.class);
            out.id = id;
            // titles and descriptions are documentation, never rendered: the value goes in as it is
            out.title = fill(c.title, row, id, false);
            out.description = fill(c.description, row, id, false);
            out.forEach = null;
            return out;
        } catch (IOException e) {
            throw new IllegalArgumentException("case " + id + ": " + e.getMessage(), e);
        }
    }

    /**
     * The text with each {@code ${row.FIELD}} replaced by the row's value; {@code $${} escapes are left for the renderer.
     * In a template the value's own {@code ${} is escaped so it stays text.
     */
    static String fill(String text, JsonNode row, String id, boolean template) {
        if (text == null || !text.contains("${")) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            int start = text.indexOf("${", i);
            if (start < 0) {
                out.append(text, i, text.length());
                break;
            }
            int end = text.indexOf('}', start + 2);
            String expression = end < 0 ? "" : text.substring(start + 2, end).trim();
            boolean escaped = start > 0 && text.charAt(start - 1) == '$';
            if (escaped || end < 0 || !(expression.equals("row") || expression.startsWith("row."))) {
                out.append(text, i, end < 0 ? text.length() : end + 1);
                i = end < 0 ? text.length() : end + 1;
                continue;
            }
            out.append(text, i, start).append(template ? value(row, expression, id).replace("${", "$${") : value(row, expression, id));
            i = end + 1;
        }
        return out.toString();
    }

    private static String value(JsonNode row, String expression, String id) {
        if (expression.equals("row")) {
            return row.toString();
        }
        String field = expression.substring(4);
        JsonNode value = row;
        for (String part : field.split("\\.")) {
            value = value == null ? null : value.get(part);
        }
        if (value == null) {
            List<String> fields = new ArrayList<>();
            for (Iterator<String> it = row.fieldNames(); it.hasNext(); ) {
                fields.add(it.next());
            }
            throw new IllegalArgumentException("case " + id + ": ${" + expression + "}: the row has no field \"" + field
                    + "\"; its fields are " + String.join(", ", fields));
        }
        return value.isValueNode() ? value.asText() : value.toString();
    }
}
