package dev.itf.docs;

import com.fasterxml.jackson.databind.JsonNode;
import dev.itf.api.AuthProfile;
import dev.itf.api.CaseLink;
import dev.itf.api.Component;
import dev.itf.api.Step;
import dev.itf.api.TestCase;
import dev.itf.api.TestEnvironment;
import dev.itf.api.TestSuite;
import dev.itf.api.TestSuiteSpec;
import dev.itf.json.Json;
import dev.itf.results.CaseResult;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The documentation of a test suite, written from its definition: an overview (description, components, auth and
 * compliance profiles, test data), then per case Overview, Prerequisites, Steps, Expected Results and, when results
 * are given, the last outcome. {@link #markdown} and {@link #html} render the same content; both are pure functions,
 * used by {@code itf docs} and by the operator's dashboard for a TestSuite.
 */
public final class SuiteDocs {

    private static final Pattern COMPONENT = Pattern.compile("(?<!\\$)\\$\\{\\s*components\\.([A-Za-z0-9-]+)\\.");

    /**
     * What the documentation is made from.
     *
     * @param suite       the suite
     * @param environment the environment it runs against, or null: components are then named without their type
     * @param lastResults the last result of each case by case id (instances such as {@code API_001[2]} included), may be empty
     */
    public record Input(TestSuite suite, TestEnvironment environment, Map<String, CaseResult> lastResults) {
        public Input {
            lastResults = lastResults == null ? Map.of() : lastResults;
        }

        public static Input of(TestSuite suite) {
            return new Input(suite, null, Map.of());
        }
    }

    private SuiteDocs() {
    }

    /** The document as Markdown. */
    public static String markdown(Input in) {
        return MarkdownDocument.render(model(in));
    }

    /** The document as one self-contained HTML page with a table of contents. */
    public static String html(Input in) {
        return HtmlDocument.render(model(in));
    }

    /** One case as documentation shows it; every list may be empty. */
    record CaseDoc(String id, String title, List<String[]> overview, List<String> prerequisites, List<String> steps,
                   List<String> success, List<String> errors, List<String> performance, List<String> expectedResults,
                   List<String> lastOutcome) {
    }

    /** The whole suite as documentation shows it. */
    record Doc(String name, String description, List<String> components, List<String> auth, List<String> compliance,
               List<String> data, String variables, List<CaseDoc> cases, boolean withResults) {
    }

    static Doc model(Input in) {
        TestSuite suite = in.suite();
        TestSuiteSpec spec = suite.getSpec() == null ? new TestSuiteSpec() : suite.getSpec();
        String name = suite.getMetadata() == null || suite.getMetadata().getName() == null ? "test suite" : suite.getMetadata().getName();
        Map<String, Component> envComponents = new LinkedHashMap<>();
        if (in.environment() != null && in.environment().getSpec() != null) {
            in.environment().getSpec().components.forEach(c -> envComponents.put(c.name, c));
        }
        List<String> components = new ArrayList<>();
        for (String c : componentsOf(spec)) {
            Component comp = envComponents.get(c);
            components.add(StepSentences.code(c) + (comp == null ? "" : ": " + componentKind(comp)));
        }
        List<String> auth = new ArrayList<>();
        if (spec.auth != null) {
            spec.auth.forEach((n, p) -> auth.add(StepSentences.code(n) + ": " + authKind(p)));
        }
        List<String> compliance = new ArrayList<>();
        Json.MAPPER.valueToTree(spec).path("compliance").forEach(p -> compliance.add(StepSentences.code(p.asText())));
        List<String> data = new ArrayList<>();
        if (spec.data != null) {
            spec.data.forEach((n, set) -> data.add(StepSentences.code(n) + ": " + dataKind(set)));
        }
        String variables = spec.variables == null || spec.variables.isEmpty() ? null
                : StepSentences.codes(List.copyOf(spec.variables.keySet()));
        List<CaseDoc> cases = new ArrayList<>();
        for (TestCase c : spec.cases) {
            if (c != null) {
                cases.add(caseDoc(c, spec, in.lastResults(), !in.lastResults().isEmpty()));
            }
        }
        return new Doc(name, spec.description, components, auth, compliance, data, variables, cases, !in.lastResults().isEmpty());
    }

    private static CaseDoc caseDoc(TestCase c, TestSuiteSpec spec, Map<String, CaseResult> results, boolean withResults) {
        List<String[]> overview = new ArrayList<>();
        overview.add(new String[]{"ID", StepSentences.code(c.id)});
        overview.add(new String[]{"Title", c.title});
        if (c.description != null && !c.description.isBlank()) {
            overview.add(new String[]{"Description", c.description.trim()});
        }
        if (c.tags != null && !c.tags.isEmpty()) {
            overview.add(new String[]{"Tags", StepSentences.codes(c.tags)});
        }
        overview.add(new String[]{"Severity", c.severity == null ? "medium" : c.severity.name().toLowerCase(java.util.Locale.ROOT)});
        if (c.owner != null) {
            overview.add(new String[]{"Owner", c.owner});
        }
        if (c.links != null && !c.links.isEmpty()) {
            List<String> links = new ArrayList<>();
            for (CaseLink l : c.links) {
                links.add("[" + (l.name == null ? l.url : l.name) + "](" + l.url + ")");
            }
            overview.add(new String[]{"Links", String.join(", ", links)});
        }
        if (c.controls != null && !c.controls.isEmpty()) {
            overview.add(new String[]{"Controls", StepSentences.codes(c.controls)});
        }
        List<String> prerequisites = new ArrayList<>();
        Set<String> needed = new LinkedHashSet<>();
        JsonNode tree = Json.MAPPER.valueToTree(c);
        collectComponents(tree, needed);
        for (Step s : c.steps) {
            for (String comp : stepComponents(s)) {
                needed.add(comp);
            }
        }
        // suite variables the case uses, followed to what they name (baseUrl -> components.orders-api.url)
        Set<String> variables = new LinkedHashSet<>();
        collect(tree, VARIABLE, variables);
        Set<String> seen = new LinkedHashSet<>();
        List<String> pending = new ArrayList<>(variables);
        while (!pending.isEmpty()) {
            String v = pending.remove(0);
            if (!seen.add(v) || spec.variables == null || !spec.variables.containsKey(v)) {
                continue;
            }
            JsonNode value = Json.MAPPER.valueToTree(spec.variables.get(v));
            collectComponents(value, needed);
            Set<String> more = new LinkedHashSet<>();
            collect(value, VARIABLE, more);
            pending.addAll(more);
        }
        if (!needed.isEmpty()) {
            prerequisites.add("Components: " + StepSentences.codes(List.copyOf(needed)) + ".");
        }
        Set<String> profiles = new LinkedHashSet<>();
        for (Step s : c.steps) {
            JsonNode step = Json.MAPPER.valueToTree(s);
            step.findValuesAsText("auth").forEach(a -> {
                if (spec.auth != null && spec.auth.containsKey(a)) {
                    profiles.add(a);
                }
            });
        }
        Set<String> environment = new LinkedHashSet<>();
        collect(tree, ENV, environment);
        for (String profile : profiles) {
            AuthProfile p = spec.auth.get(profile);
            prerequisites.add("Auth profile " + StepSentences.code(profile) + ": " + authKind(p) + secrets(p) + ".");
            collect(Json.MAPPER.valueToTree(p), ENV, environment);
        }
        if (!environment.isEmpty()) {
            prerequisites.add("Environment variables: " + StepSentences.codes(List.copyOf(environment)) + ".");
        }
        if (c.forEach != null) {
            JsonNode set = spec.data == null ? null : spec.data.get(c.forEach);
            prerequisites.add("Test data: runs once per row of " + StepSentences.code(c.forEach)
                    + (set == null ? "" : " (" + dataKind(set) + ")") + ", as " + StepSentences.code(c.id + "[n]") + ".");
        }
        if (c.prerequisites != null) {
            prerequisites.addAll(c.prerequisites);
        }
        List<String> steps = new ArrayList<>();
        ExpectationSentences.Sorted sorted = new ExpectationSentences.Sorted();
        for (int i = 0; i < c.steps.size(); i++) {
            Step s = c.steps.get(i);
            if (s == null) {
                continue;
            }
            String label = s.name != null ? s.name : "step " + (i + 1);
            String sentence = (s.name != null ? "**" + s.name + "**: " : "") + StepSentences.action(s);
            String captures = StepSentences.captures(s);
            steps.add(captures == null ? sentence : sentence + " " + captures);
            ExpectationSentences.describe(label, s.expect, sorted);
        }
        List<String> last = new ArrayList<>();
        if (withResults) {
            results.forEach((id, r) -> {
                if (id.equals(c.id) || (c.forEach != null && id.startsWith(c.id + "["))) {
                    last.add(StepSentences.code(id) + ": **" + r.outcome.name().toLowerCase(java.util.Locale.ROOT) + "**"
                            + (r.flaky ? " (flaky)" : "") + " in " + r.durationMs + " ms"
                            + (r.startedAt == null ? "" : ", " + r.startedAt)
                            + (r.message == null || r.message.isBlank() ? "" : ": " + firstLine(r.message)));
                }
            });
            if (last.isEmpty()) {
                last.add("not run");
            }
        }
        return new CaseDoc(c.id, c.title, overview, prerequisites, steps, sorted.success(), sorted.errors(), sorted.performance(),
                c.expectedResults == null ? List.of() : c.expectedResults, last);
    }

    private static String firstLine(String message) {
        String line = message.lines().findFirst().orElse("");
        return line.length() > 200 ? line.substring(0, 199) + "…" : line;
    }

    private static List<String> stepComponents(Step s) {
        List<String> out = new ArrayList<>();
        if (s.publish != null && s.publish.component != null) out.add(s.publish.component);
        if (s.expectMessage != null && s.expectMessage.component != null) out.add(s.expectMessage.component);
        if (s.sql != null && s.sql.component != null) out.add(s.sql.component);
        if (s.redis != null && s.redis.component != null) out.add(s.redis.component);
        return out;
    }

    private static Set<String> componentsOf(TestSuiteSpec spec) {
        Set<String> names = new LinkedHashSet<>();
        if (spec.variables != null) {
            spec.variables.values().forEach(v -> collectComponents(Json.MAPPER.valueToTree(v), names));
        }
        for (TestCase c : spec.cases) {
            if (c == null) {
                continue;
            }
            collectComponents(Json.MAPPER.valueToTree(c), names);
            c.steps.forEach(s -> {
                if (s != null) {
                    names.addAll(stepComponents(s));
                }
            });
        }
        return names;
    }

    private static final Pattern VARIABLE = Pattern.compile("(?<!\\$)\\$\\{\\s*([A-Za-z_][A-Za-z0-9_-]*)\\s*}");
    private static final Pattern ENV = Pattern.compile("(?<!\\$)\\$\\{\\s*env\\.([A-Za-z0-9_]+)\\s*}");

    private static void collect(JsonNode node, Pattern pattern, Set<String> into) {
        if (node.isTextual()) {
            Matcher m = pattern.matcher(node.asText());
            while (m.find()) {
                into.add(m.group(1));
            }
        }
        node.forEach(child -> collect(child, pattern, into));
    }

    /** The Secrets a profile reads, named for the reader who must create them. */
    private static String secrets(AuthProfile p) {
        Set<String> names = new LinkedHashSet<>();
        Json.MAPPER.valueToTree(p).findValues("secretRef").forEach(r -> names.add(r.path("name").asText()));
        Json.MAPPER.valueToTree(p).findValues("clientSecretRef").forEach(r -> names.add(r.path("name").asText()));
        Json.MAPPER.valueToTree(p).findValues("passwordRef").forEach(r -> names.add(r.path("name").asText()));
        names.remove("");
        return names.isEmpty() ? "" : " (Secret" + (names.size() == 1 ? " " : "s ") + StepSentences.codes(List.copyOf(names)) + ")";
    }

    private static void collectComponents(JsonNode node, Set<String> into) {
        if (node.isTextual()) {
            Matcher m = COMPONENT.matcher(node.asText());
            while (m.find()) {
                into.add(m.group(1));
            }
        }
        node.forEach(child -> collectComponents(child, into));
    }

    private static String componentKind(Component c) {
        String type = c.type == null ? "component" : c.type.name().toLowerCase(java.util.Locale.ROOT);
        if (c.engine != null) {
            return type + " (" + c.engine + (c.version == null ? "" : " " + c.version) + ")";
        }
        return c.image == null ? type : type + " (" + StepSentences.code(c.image) + ")";
    }

    private static String authKind(AuthProfile p) {
        if (p == null) {
            return "?";
        }
        if (p.basic != null) return "HTTP basic" + source(p.basic.secretRef != null);
        if (p.apiKey != null) return "API key in the " + ("query".equals(p.apiKey.in) ? "query parameter " : "header ")
                + StepSentences.code(p.apiKey.name) + source(p.apiKey.secretRef != null);
        if (p.bearer != null) return "bearer token" + source(p.bearer.secretRef != null);
        if (p.oauth2 != null) return "OAuth2 " + (p.oauth2.grant == null ? "client_credentials" : p.oauth2.grant) + " grant from "
                + StepSentences.code(p.oauth2.tokenUrl) + (p.oauth2.scopes == null || p.oauth2.scopes.isEmpty() ? ""
                : ", scopes " + StepSentences.codes(p.oauth2.scopes));
        if (p.jwt != null) return "a JWT signed with " + (p.jwt.algorithm == null ? "HS256" : p.jwt.algorithm)
                + (p.jwt.claims == null || !p.jwt.claims.isObject() ? "" : ", claims " + StepSentences.codes(fieldNames(p.jwt.claims)));
        return "?";
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static String source(boolean secret) {
        return secret ? ", from a Secret" : ", inline";
    }

    private static String dataKind(JsonNode set) {
        if (set.isArray()) {
            return set.size() + " row" + (set.size() == 1 ? "" : "s") + " inline";
        }
        if (set.has("file")) {
            return "rows from the file " + StepSentences.code(set.path("file").asText());
        }
        return "rows from the ConfigMap " + StepSentences.code(set.path("configMapRef").path("name").asText())
                + ", key " + StepSentences.code(set.path("key").asText());
    }
}
