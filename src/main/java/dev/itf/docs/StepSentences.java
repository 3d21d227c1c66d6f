package dev.itf.docs;

import com.fasterxml.jackson.databind.JsonNode;
import dev.itf.api.ExpectMessageAction;
import dev.itf.api.GraphqlAction;
import dev.itf.api.HttpAction;
import dev.itf.api.JsonPathExpectation;
import dev.itf.api.PublishAction;
import dev.itf.api.Step;
import dev.itf.json.Json;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A step in plain words, written from its definition: the request line, auth profile, body summary and captures;
 * messages published and expected; queries. Code (URLs, paths, queries) is set in backticks; the renderers make it
 * code in Markdown and HTML alike.
 */
final class StepSentences {

    private static final int MAX_CODE = 160;

    private StepSentences() {
    }

    /** What the step does, one sentence. */
    static String action(Step step) {
        String action = step.action();
        if (action == null) {
            return "A step with " + (step.actions().isEmpty() ? "no action" : "the actions " + String.join(", ", step.actions())) + ".";
        }
        return switch (action) {
            case "http" -> http(step.http);
            case "graphql" -> graphql(step.graphql);
            case "publish" -> publish(step.publish);
            case "expectMessage" -> expectMessage(step.expectMessage);
            case "sql" -> "Run the query " + code(step.sql.query) + " on " + target(step.sql.component, step.sql.uri)
                    + (step.sql.params == null || step.sql.params.isEmpty() ? "" : " with the parameters " + codes(step.sql.params))
                    + (step.sql.within == null ? "" : ", again until the expectations hold or " + step.sql.within + " have passed") + ".";
            case "redis" -> "Run the Redis command " + code(String.join(" ", step.redis.command)) + " on " + target(step.redis.component, step.redis.uri)
                    + (step.redis.within == null ? "" : ", again until the expectations hold or " + step.redis.within + " have passed") + ".";
            case "wait" -> "Wait " + step.wait.duration + ".";
            default -> "Run a " + action + " step.";
        };
    }

    /** The step's captures as one sentence, or null when it captures nothing. */
    static String captures(Step step) {
        if (step.capture == null || step.capture.isEmpty()) {
            return null;
        }
        return "Capture " + step.capture.entrySet().stream().map(e -> code(e.getKey()) + " from " + source(e.getValue()))
                .collect(Collectors.joining(", ")) + ".";
    }

    private static String source(String from) {
        if (from.startsWith("header:")) {
            return "the response header " + code(from.substring(7));
        }
        if (from.equals("status") || from.equals("body")) {
            return "the response " + from;
        }
        return code(from);
    }

    private static String http(HttpAction h) {
        StringBuilder s = new StringBuilder("Send ").append(code((h.method == null ? "GET" : h.method.name()) + " " + h.url));
        if (h.query != null && !h.query.isEmpty()) {
            s.append(" with the query ").append(code(h.query.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining("&"))));
        }
        s.append(auth(h.auth));
        if (h.headers != null && !h.headers.isEmpty()) {
            s.append(", with the header").append(h.headers.size() == 1 ? " " : "s ").append(codes(List.copyOf(h.headers.keySet())));
        }
        if (h.form != null && !h.form.isEmpty()) {
            s.append(", with a form of the fields ").append(codes(List.copyOf(h.form.keySet())));
        } else if (h.body != null && !h.body.isNull()) {
            s.append(", with ").append(body(h.body));
        }
        return s.append('.').toString();
    }

    private static String graphql(GraphqlAction g) {
        String query = g.query == null ? "" : g.query.replaceAll("\\s+", " ").trim();
        StringBuilder s = new StringBuilder("Send the GraphQL ")
                .append(query.startsWith("mutation") ? "mutation " : "query ").append(code(query))
                .append(" to ").append(code(g.url)).append(auth(g.auth));
        if (g.variables != null && g.variables.isObject() && !g.variables.isEmpty()) {
            s.append(", with the variables ").append(code(inline(g.variables)));
        }
        return s.append('.').toString();
    }

    private static String publish(PublishAction p) {
        StringBuilder s = new StringBuilder("Publish ").append(p.body == null || p.body.isNull() ? "an empty message" : "a message with " + body(p.body))
                .append(" to ").append(code(p.destination)).append(" on ").append(target(p.component, p.uri));
        if (p.key != null) {
            s.append(", with the key ").append(code(p.key));
        }
        if (p.headers != null && !p.headers.isEmpty()) {
            s.append(", with the headers ").append(codes(p.headers.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue()).toList()));
        }
        return s.append('.').toString();
    }

    private static String expectMessage(ExpectMessageAction e) {
        String within = e.within == null ? "" : " within " + e.within;
        String where = code(e.destination) + " on " + target(e.component, e.uri);
        StringBuilder s = new StringBuilder();
        if (Boolean.TRUE.equals(e.absent)) {
            s.append("Expect no message").append(matching(e.match)).append(" on ").append(where).append(within);
        } else if (e.sequence != null && !e.sequence.isEmpty()) {
            s.append("Expect on ").append(where).append(", in this order").append(within).append(": ");
            List<String> parts = new ArrayList<>();
            for (List<JsonPathExpectation> element : e.sequence) {
                parts.add("a message" + matching(element));
            }
            s.append(String.join(", then ", parts));
        } else {
            int count = e.count == null ? 1 : e.count;
            s.append("Expect ").append(count == 1 ? "a message" : "at least " + count + " messages").append(matching(e.match))
                    .append(" on ").append(where).append(within);
        }
        if (e.headers != null && !e.headers.isEmpty()) {
            s.append(", with the headers ").append(codes(e.headers.entrySet().stream().map(h -> h.getKey() + ": " + h.getValue()).toList()));
        }
        return s.append('.').toString();
    }

    private static String matching(List<JsonPathExpectation> match) {
        if (match == null || match.isEmpty()) {
            return "";
        }
        return " where " + match.stream().map(ExpectationSentences::jsonPath).collect(Collectors.joining(" and "));
    }

    private static String auth(String auth) {
        if (auth == null || auth.isBlank()) {
            return "";
        }
        return auth.equals("none") ? " without credentials" : " as the auth profile " + code(auth);
    }

    private static String target(String component, String uri) {
        if (component != null) {
            return "the component " + code(component);
        }
        return uri == null ? "?" : code(withoutCredentials(uri));
    }

    /** A URI as documentation shows it: never the user and password. */
    static String withoutCredentials(String uri) {
        int sep = uri.indexOf("://");
        int at = uri.lastIndexOf('@');
        int slash = sep < 0 ? -1 : uri.indexOf('/', sep + 3);
        if (sep > 0 && at > sep && (slash < 0 || at < slash)) {
            return uri.substring(0, sep + 3) + uri.substring(at + 1);
        }
        return uri;
    }

    /** A summary of a body: its fields for an object, its size for an array or text. */
    static String body(JsonNode body) {
        if (body.isObject()) {
            List<String> fields = new ArrayList<>();
            for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
                fields.add(it.next());
            }
            return fields.isEmpty() ? "an empty JSON object" : "a JSON body with the field" + (fields.size() == 1 ? " " : "s ") + codes(fields);
        }
        if (body.isArray()) {
            return "a JSON array of " + body.size() + " element" + (body.size() == 1 ? "" : "s");
        }
        String text = body.asText();
        return text.length() <= 60 ? "the body " + code(text) : "a text body of " + text.length() + " characters";
    }

    static String inline(JsonNode node) {
        return node.isTextual() ? node.asText() : Json.MAPPER.valueToTree(node).toString();
    }

    static String code(String text) {
        if (text == null) {
            return "`?`";
        }
        String t = text.replace('`', '\'').replace('\n', ' ');
        return "`" + (t.length() > MAX_CODE ? t.substring(0, MAX_CODE - 1) + "…" : t) + "`";
    }

    static String codes(List<String> texts) {
        return texts.stream().map(StepSentences::code).collect(Collectors.joining(", "));
    }

    static String codes(Map<String, String> map) {
        return codes(List.copyOf(map.keySet()));
    }
}
