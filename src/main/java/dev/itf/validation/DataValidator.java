package dev.itf.validation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.itf.api.TestCase;
import dev.itf.api.TestSuiteSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Test data: each {@code spec.data} set is a list of rows, {@code {file}} or {@code {configMapRef, key}}; a case's
 * {@code forEach} names a set; {@code ${row.FIELD}} appears only in forEach cases and, for inline rows, names a field
 * every row has.
 */
final class DataValidator {

    private static final Pattern ROW = Pattern.compile("(?<!\\$)\\$\\{\\s*row\\.([A-Za-z0-9_-]+)[^}]*}");

    private DataValidator() {
    }

    static void validate(ProblemList problems, TestSuiteSpec spec) {
        if (spec.data != null) {
            spec.data.forEach((name, set) -> dataSet(problems, "spec.data." + name, set));
        }
        if (spec.cases == null) {
            return;
        }
        for (int i = 0; i < spec.cases.size(); i++) {
            TestCase c = spec.cases.get(i);
            if (c != null) {
                testCase(problems, spec, "spec.cases[" + i + "]", c);
            }
        }
    }

    private static void dataSet(ProblemList problems, String path, JsonNode set) {
        if (set != null && set.isArray()) {
            if (set.isEmpty()) {
                problems.add(path, "has no rows; give at least one");
            }
            for (int i = 0; i < set.size(); i++) {
                if (!set.get(i).isObject()) {
                    problems.add(path + "[" + i + "]", "a row must be a mapping of field names to values");
                }
            }
            return;
        }
        boolean file = set != null && set.isObject() && set.path("file").isTextual();
        boolean configMap = set != null && set.isObject() && set.path("configMapRef").path("name").isTextual() && set.path("key").isTextual();
        if (file == configMap) {
            problems.add(path, "give a list of rows, {file: test_data.json} next to the suite, or {configMapRef: {name: NAME}, key: KEY}");
        }
    }

    private static void testCase(ProblemList problems, TestSuiteSpec spec, String path, TestCase c) {
        JsonNode set = null;
        if (c.forEach != null) {
            set = spec.data == null ? null : spec.data.get(c.forEach);
            if (set == null) {
                problems.add(path + ".forEach", "\"" + c.forEach + "\" is not a data set of spec.data"
                        + (spec.data == null || spec.data.isEmpty() ? "; define it there (rows, file or configMapRef)"
                        : "; spec.data has " + String.join(", ", spec.data.keySet())));
            }
        }
        JsonNode tree = Jackson.tree(c);
        if (!mentionsRow(tree)) {
            return;
        }
        JsonNode rows = set;
        List<String> reported = new ArrayList<>();
        SuiteValidator.stringsOf(tree, path, (p, text) -> {
            Matcher m = ROW.matcher(text);
            while (m.find()) {
                String field = m.group(1);
                if (c.forEach == null) {
                    problems.add(p, "${row." + field + "} is defined only in a case with forEach: NAME (a data set of spec.data)");
                } else if (rows != null && rows.isArray() && !reported.contains(field)) {
                    for (int r = 0; r < rows.size(); r++) {
                        if (rows.get(r).isObject() && !rows.get(r).has(field)) {
                            reported.add(field);
                            problems.add(p, "${row." + field + "}: row " + (r + 1) + " of spec.data." + c.forEach + " has no field \"" + field + "\"");
                            break;
                        }
                    }
                }
            }
        });
    }

    /** Whether a text of the tree has "row." in it, as every ${row.FIELD} has: most cases have none, and need no paths. */
    private static boolean mentionsRow(JsonNode node) {
        if (node.isTextual()) {
            return node.textValue().contains("row.");
        }
        for (JsonNode child : node) {
            if (mentionsRow(child)) {
                return true;
            }
        }
        return false;
    }
}
