package dev.itf.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.jayway.jsonpath.InvalidPathException;
import com.jayway.jsonpath.JsonPath;
import dev.itf.api.Itf;
import io.fabric8.kubernetes.api.model.HasMetadata;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** The problems found so far and the checks every validator shares (required, duration, template, ...). */
final class ProblemList {

    private static final Pattern DNS1123 = Pattern.compile(Itf.DNS1123_SUBDOMAIN_PATTERN);
    private static final Pattern DURATION = Pattern.compile(Itf.DURATION_PATTERN);
    private static final Pattern SIGNED_DURATION = Pattern.compile(Itf.DURATION_PATTERN.replace("^", "^-?"));

    private final List<Problem> problems = new ArrayList<>();

    List<Problem> toList() {
        return List.copyOf(problems);
    }

    void add(String path, String message) {
        problems.add(new Problem(path, message));
    }

    void add(Problem problem) {
        problems.add(problem);
    }

    void addAll(List<Problem> more) {
        problems.addAll(more);
    }

    /** Adds "is required" when the value is missing (null, blank or an empty list) and returns whether it was there. */
    boolean required(String path, Object value) {
        boolean missing = value == null
                || (value instanceof String s && s.isBlank())
                || (value instanceof List<?> l && l.isEmpty())
                || (value instanceof Map<?, ?> m && m.isEmpty());
        if (missing) {
            add(path, "is required");
        }
        return !missing;
    }

    void objectName(String path, String name) {
        if (required(path, name) && !DNS1123.matcher(name).matches()) {
            add(path, "\"" + name + "\" is not a valid name: lower case letters, digits, '-' and '.', starting and ending with a letter or digit");
        }
    }

    void metadata(HasMetadata resource) {
        objectName("metadata.name", resource.getMetadata() == null ? null : resource.getMetadata().getName());
    }

    /** A duration of the API (the CRD pattern): 500ms, 30s, 5m, 1h30m, 1.5s. */
    void duration(String path, String value) {
        duration(path, value, DURATION);
    }

    /** A duration that may be negative, such as jwt.expiresIn: -1m. */
    void signedDuration(String path, String value) {
        duration(path, value, SIGNED_DURATION);
    }

    private void duration(String path, String value, Pattern pattern) {
        if (value != null && !pattern.matcher(value).matches()) {
            add(path, "\"" + value + "\" is not a duration such as 500ms, 30s, 5m or 1h30m");
        }
    }

    void min(String path, Number value, long min) {
        if (value != null && value.longValue() < min) {
            add(path, "must be at least " + min + ", not " + value);
        }
    }

    void range(String path, Number value, long min, long max) {
        if (value != null && (value.longValue() < min || value.longValue() > max)) {
            add(path, "must be between " + min + " and " + max + ", not " + value);
        }
    }

    void oneOf(String path, String value, List<String> allowed) {
        if (value != null && !allowed.contains(value)) {
            add(path, "\"" + value + "\" is not one of " + String.join(", ", allowed));
        }
    }

    void template(String path, String value) {
        for (String problem : TemplateSyntax.problems(value)) {
            add(path, problem);
        }
    }

    void requiredTemplate(String path, String value) {
        if (required(path, value)) {
            template(path, value);
        }
    }

    void templates(String path, Map<String, String> values) {
        if (values != null) {
            values.forEach((k, v) -> template(path + "." + k, v));
        }
    }

    void templates(String path, List<String> values) {
        if (values != null) {
            for (int i = 0; i < values.size(); i++) {
                template(path + "[" + i + "]", values.get(i));
            }
        }
    }

    /** Every string inside a JSON value (a body, GraphQL variables, claims). */
    void templates(String path, JsonNode node) {
        if (node == null) {
            return;
        }
        if (node.isTextual()) {
            template(path, node.asText());
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                templates(path + "[" + i + "]", node.get(i));
            }
        } else if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                templates(path + "." + e.getKey(), e.getValue());
            }
        }
    }

    void regex(String path, String value) {
        if (value != null) {
            try {
                Pattern.compile(value);
            } catch (PatternSyntaxException e) {
                add(path, "\"" + value + "\" is not a valid regular expression: " + e.getDescription());
            }
        }
    }

    void jsonPath(String path, String value) {
        if (required(path, value)) {
            try {
                JsonPath.compile(value);
            } catch (RuntimeException e) {
                // the JSONPath parser fails on some truncated paths with a wrapped internal error, not a message of its own
                boolean explained = e instanceof InvalidPathException && e.getCause() == null && e.getMessage() != null;
                add(path, "\"" + value + "\" is not a valid JSONPath" + (explained ? ": " + e.getMessage().trim() : ""));
            }
        }
    }
}
