package dev.itf.docs;

import com.fasterxml.jackson.databind.JsonNode;
import dev.itf.api.Expect;
import dev.itf.api.JsonPathExpectation;
import dev.itf.api.ValueMatcher;
import dev.itf.json.Json;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.itf.docs.StepSentences.code;

/**
 * A step's expectations in plain words, sorted into success criteria, error conditions (an expected 4xx or 5xx
 * status) and performance requirements (maxDuration, load thresholds).
 */
final class ExpectationSentences {

    /** The fields read one by one below; any other field of expect is shown as it is written. */
    private static final Set<String> KNOWN = Set.of("status", "headers", "format", "schema", "schemaRef", "jsonPath", "body",
            "maxDuration", "graphql", "rows", "thresholds", "openapi");

    record Sorted(List<String> success, List<String> errors, List<String> performance) {
        Sorted() {
            this(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        }
    }

    private ExpectationSentences() {
    }

    static void describe(String stepLabel, Expect e, Sorted into) {
        if (e == null) {
            return;
        }
        String prefix = stepLabel + ": ";
        if (e.status != null && !e.status.isNull()) {
            String status = status(e.status);
            (errorStatus(e.status) ? into.errors() : into.success()).add(prefix + "the status is " + status + ".");
        }
        if (e.headers != null) {
            e.headers.forEach((name, m) -> into.success().add(prefix + "the header " + code(name) + " " + matcher(m) + "."));
        }
        if (e.format != null) {
            into.success().add(prefix + "the body is " + e.format.toUpperCase(java.util.Locale.ROOT) + ".");
        }
        if (e.schema != null && !e.schema.isNull()) {
            into.success().add(prefix + "the body matches the inline JSON Schema" + schemaSummary(e.schema) + ".");
        }
        if (e.schemaRef != null) {
            into.success().add(prefix + "the body matches the JSON Schema " + code(e.schemaRef.file != null ? e.schemaRef.file
                    : (e.schemaRef.configMapRef == null ? "?" : e.schemaRef.configMapRef.name) + "/" + e.schemaRef.key) + ".");
        }
        if (e.jsonPath != null) {
            for (JsonPathExpectation j : e.jsonPath) {
                into.success().add(prefix + jsonPath(j) + ".");
            }
        }
        if (e.body != null) {
            into.success().add(prefix + "the body " + matcher(e.body) + ".");
        }
        if (e.graphql != null && Boolean.TRUE.equals(e.graphql.noErrors)) {
            into.success().add(prefix + "the GraphQL response has no errors.");
        }
        if (e.rows != null) {
            into.success().add(prefix + "the query returns " + e.rows + " row" + (e.rows == 1 ? "" : "s") + ".");
        }
        if (e.openapi != null) {
            into.success().add(prefix + "the response is one the OpenAPI operation " + code(e.openapi.operationId) + " of "
                    + code(e.openapi.spec == null ? "?" : e.openapi.spec.isTextual() ? e.openapi.spec.asText()
                    : e.openapi.spec.path("configMapRef").path("name").asText() + "/" + e.openapi.spec.path("key").asText())
                    + " declares: status, content type and body schema.");
        }
        if (e.maxDuration != null) {
            into.performance().add(prefix + "the response arrives within " + e.maxDuration + ".");
        }
        JsonNode tree = Json.MAPPER.valueToTree(e);
        JsonNode thresholds = tree.path("thresholds");
        if (thresholds.isObject()) {
            thresholds.fields().forEachRemaining(t -> into.performance().add(prefix + threshold(t.getKey(), t.getValue()) + "."));
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = tree.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            boolean empty = f.getValue().isNull() || (f.getValue().isContainerNode() && f.getValue().isEmpty());
            if (!KNOWN.contains(f.getKey()) && !empty) {
                into.success().add(prefix + f.getKey() + ": " + code(StepSentences.inline(f.getValue())) + ".");
            }
        }
    }

    static String jsonPath(JsonPathExpectation j) {
        String path = code(j.path);
        List<String> parts = new ArrayList<>();
        if (j.equals != null) parts.add("equals " + code(StepSentences.inline(j.equals)));
        if (j.notEquals != null) parts.add("does not equal " + code(StepSentences.inline(j.notEquals)));
        if (j.greaterThan != null) parts.add("is greater than " + number(j.greaterThan));
        if (j.lessThan != null) parts.add("is less than " + number(j.lessThan));
        if (j.matches != null) parts.add("matches " + code(j.matches));
        if (j.contains != null) parts.add("contains " + code(StepSentences.inline(j.contains)));
        if (j.exists != null) parts.add(j.exists ? "exists" : "does not exist");
        return path + " " + (parts.isEmpty() ? "is checked" : String.join(" and ", parts));
    }

    private static String matcher(ValueMatcher m) {
        List<String> parts = new ArrayList<>();
        if (m.equals != null) parts.add("equals " + code(StepSentences.inline(m.equals)));
        if (m.contains != null) parts.add("contains " + code(m.contains));
        if (m.matches != null) parts.add("matches " + code(m.matches));
        if (m.exists != null) parts.add(m.exists ? "is present" : "is absent");
        return parts.isEmpty() ? "is checked" : String.join(" and ", parts);
    }

    private static String status(JsonNode status) {
        if (status.isArray()) {
            List<String> codes = new ArrayList<>();
            status.forEach(s -> codes.add(s.asText()));
            return "one of " + String.join(", ", codes);
        }
        return status.asText();
    }

    private static boolean errorStatus(JsonNode status) {
        if (status.isArray()) {
            boolean all = !status.isEmpty();
            for (JsonNode s : status) {
                all &= s.asText().startsWith("4") || s.asText().startsWith("5");
            }
            return all;
        }
        return status.asText().startsWith("4") || status.asText().startsWith("5");
    }

    private static String schemaSummary(JsonNode schema) {
        String type = schema.path("type").asText("");
        JsonNode required = schema.path("required");
        List<String> fields = new ArrayList<>();
        required.forEach(r -> fields.add(r.asText()));
        return (type.isEmpty() ? "" : " (" + (type.equals("array") ? "an array" : type.equals("object") ? "an object" : "a " + type)
                + (fields.isEmpty() ? "" : " with the required field" + (fields.size() == 1 ? " " : "s ") + StepSentences.codes(fields)) + ")");
    }

    private static String threshold(String name, JsonNode value) {
        return switch (name) {
            case "errorRate" -> "the error rate is at most " + value.asText();
            case "throughput" -> "the throughput is at least " + value.asText();
            case "dropped" -> "at most " + value.asText() + " requests are dropped";
            case "resources" -> "the components' resource use stays within " + code(StepSentences.inline(value));
            default -> "the " + name + " latency is at most " + value.asText();
        };
    }

    private static String number(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }
}
