package dev.itf.validation.quality;

import dev.itf.api.Component;
import dev.itf.api.Expect;
import dev.itf.api.Step;
import dev.itf.api.TestCase;
import dev.itf.api.TestEnvironment;
import dev.itf.api.TestSuite;
import dev.itf.api.TestSuiteSpec;
import dev.itf.json.Json;
import dev.itf.runner.events.AmqpVhost;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The quality rules of {@code itf lint --quality} and of the TestSuite's Quality condition: completeness, clarity and
 * reproducibility of suites and environments. Pure functions of the resource and the configuration; a rule that is
 * off yields nothing.
 */
public final class QualityLint {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\b(TODO|TBD|FIXME)\\b");
    private static final Pattern FIXED_HOST = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]*://(?!\\$\\{)[^/?#]+");
    private static final Pattern RANDOM = Pattern.compile("(?<!\\$)\\$\\{\\s*(uuid|randomInt|now)\\s*\\(");
    private static final int MAX_TITLE = 120;

    private final QualityConfig config;
    private final List<QualityFinding> findings = new ArrayList<>();

    private QualityLint(QualityConfig config) {
        this.config = config;
    }

    /** Every finding of the quality rules for the suite. */
    public static List<QualityFinding> suite(TestSuite suite, QualityConfig config) {
        QualityLint lint = new QualityLint(config);
        if (suite.getSpec() != null) {
            lint.spec(suite.getSpec());
        }
        return List.copyOf(lint.findings);
    }

    /** Every finding of the quality rules for the environment. */
    public static List<QualityFinding> environment(TestEnvironment environment, QualityConfig config) {
        QualityLint lint = new QualityLint(config);
        if (environment.getSpec() != null && environment.getSpec().components != null) {
            for (int i = 0; i < environment.getSpec().components.size(); i++) {
                Component c = environment.getSpec().components.get(i);
                if (c != null && c.image != null) {
                    lint.image("spec.components[" + i + "].image", c.image);
                }
            }
        }
        return List.copyOf(lint.findings);
    }

    /** Findings of the rules that plain {@code itf lint} reports too, without --quality: mistakes that read as valid. */
    public static List<QualityFinding> alwaysOn(List<QualityFinding> findings) {
        return findings.stream().filter(f -> f.rule() == QualityRule.AMQP_EMPTY_VHOST).toList();
    }

    /** The URI of a local environment file's component (ENV.yaml), for the rules that apply to URIs. */
    public static List<QualityFinding> componentUri(String path, String uri, QualityConfig config) {
        QualityLint lint = new QualityLint(config);
        lint.amqp(path, uri);
        return List.copyOf(lint.findings);
    }

    private void add(QualityRule rule, String path, String message) {
        QualityRule.Severity severity = config.severity(rule);
        if (severity != QualityRule.Severity.OFF) {
            findings.add(new QualityFinding(rule, severity, path, message));
        }
    }

    private void spec(TestSuiteSpec spec) {
        if (blank(spec.description)) {
            add(QualityRule.SUITE_DESCRIPTION, "spec", "the suite has no description");
        } else {
            placeholder("spec.description", spec.description);
        }
        if (spec.variables != null) {
            spec.variables.forEach((k, v) -> amqp("spec.variables." + k, v));
        }
        if (spec.auth != null) {
            spec.auth.forEach((name, p) -> {
                if (p != null && p.oauth2 != null) {
                    host("spec.auth." + name + ".oauth2.tokenUrl", p.oauth2.tokenUrl);
                }
            });
        }
        if (spec.cases == null) {
            return;
        }
        Map<String, Integer> titles = new HashMap<>();
        for (int i = 0; i < spec.cases.size(); i++) {
            TestCase c = spec.cases.get(i);
            if (c != null) {
                testCase("spec.cases[" + i + "]", c, i, titles);
            }
        }
    }

    private void testCase(String path, TestCase c, int index, Map<String, Integer> titles) {
        if (blank(c.description)) {
            add(QualityRule.CASE_DESCRIPTION, path, "case " + c.id + " has no description");
        }
        if (c.expectedResults == null || c.expectedResults.isEmpty()) {
            add(QualityRule.CASE_EXPECTED_RESULTS, path, "case " + c.id + " has no expectedResults");
        }
        if (c.title != null) {
            String title = c.title.trim();
            int words = title.isEmpty() ? 0 : title.split("\\s+").length;
            if (words < 3) {
                add(QualityRule.TITLE_TOO_SHORT, path + ".title", "the title \"" + title + "\" has " + words + " word" + (words == 1 ? "" : "s") + ", fewer than 3");
            }
            if (title.length() > MAX_TITLE) {
                add(QualityRule.TITLE_TOO_LONG, path + ".title", "the title has " + title.length() + " characters, more than " + MAX_TITLE);
            }
            Integer first = titles.putIfAbsent(title.toLowerCase(Locale.ROOT), index);
            if (first != null) {
                add(QualityRule.DUPLICATE_TITLE, path + ".title", "the title \"" + title + "\" is also the title of spec.cases[" + first + "]");
            }
            placeholder(path + ".title", c.title);
        }
        placeholder(path + ".description", c.description);
        texts(path + ".prerequisites", c.prerequisites);
        texts(path + ".expectedResults", c.expectedResults);
        if (c.steps == null) {
            return;
        }
        for (int j = 0; j < c.steps.size(); j++) {
            Step step = c.steps.get(j);
            if (step != null) {
                step(path + ".steps[" + j + "]", step, j + 1 < c.steps.size() ? c.steps.get(j + 1) : null);
            }
        }
    }

    private void step(String path, Step step, Step next) {
        placeholder(path + ".name", step.name);
        String action = step.action();
        if (action == null) {
            return;
        }
        boolean checksResponse = action.equals("http") || action.equals("graphql") || action.equals("sql") || action.equals("redis");
        if (checksResponse && !expects(step.expect)) {
            add(QualityRule.STEP_WITHOUT_EXPECTATION, path, "the " + action + " step has no expectation: it passes whatever the answer");
        }
        if (action.equals("wait") && next != null && step.wait != null) {
            String polling = next.sql != null && next.sql.within == null ? "sql"
                    : next.redis != null && next.redis.within == null ? "redis"
                    : next.expectMessage != null ? "expectMessage" : null;
            if (polling != null) {
                add(QualityRule.FIXED_WAIT, path + ".wait", "a fixed wait of " + step.wait.duration + " before a " + polling
                        + " step, which can wait for its condition itself with within");
            }
        }
        switch (action) {
            case "http" -> host(path + ".http.url", step.http.url);
            case "graphql" -> host(path + ".graphql.url", step.graphql.url);
            case "publish" -> uri(path + ".publish.uri", step.publish.uri);
            case "expectMessage" -> uri(path + ".expectMessage.uri", step.expectMessage.uri);
            case "sql" -> uri(path + ".sql.uri", step.sql.uri);
            case "redis" -> uri(path + ".redis.uri", step.redis.uri);
            default -> {
            }
        }
        if ((step.capture == null || step.capture.isEmpty()) && !action.equals("wait")) {
            JsonNode tree = Json.MAPPER.valueToTree(step);
            ((ObjectNode) tree).remove(List.of("expect", "name"));
            if (RANDOM.matcher(tree.toString()).find()) {
                add(QualityRule.RANDOM_NOT_CAPTURED, path, "the step sends a generated value (uuid(), randomInt() or now()) and captures nothing,"
                        + " so no later step or report can tell which value it was");
            }
        }
    }

    private static boolean expects(Expect e) {
        if (e == null) {
            return false;
        }
        JsonNode tree = Json.MAPPER.valueToTree(e);
        for (JsonNode v : tree) {
            if (!(v.isContainerNode() && v.isEmpty())) {
                return true;
            }
        }
        return false;
    }

    private void uri(String path, String uri) {
        host(path, uri);
        amqp(path, uri);
    }

    private void amqp(String path, String value) {
        AmqpVhost.emptyVhostAdvice(value).ifPresent(advice -> add(QualityRule.AMQP_EMPTY_VHOST, path, advice));
    }

    private void host(String path, String value) {
        if (value != null && FIXED_HOST.matcher(value.trim()).find()) {
            add(QualityRule.HARD_CODED_HOST, path, "\"" + hostOf(value.trim()) + "\" is a fixed host: the suite runs only where that host is");
        }
    }

    private static String hostOf(String value) {
        var m = FIXED_HOST.matcher(value);
        if (!m.find()) {
            return value;
        }
        String authority = m.group().substring(m.group().indexOf("://") + 3);
        // the user and password of a URI are not echoed
        return m.group().substring(0, m.group().indexOf("://") + 3) + authority.substring(authority.lastIndexOf('@') + 1);
    }

    private void image(String path, String image) {
        String name = image.substring(image.lastIndexOf('/') + 1);
        if (image.contains("@")) {
            return;
        }
        int colon = name.indexOf(':');
        if (colon < 0) {
            add(QualityRule.IMAGE_NOT_PINNED, path, "the image " + image + " has no tag, so each run may pull a different one");
        } else if (name.substring(colon + 1).equals("latest")) {
            add(QualityRule.IMAGE_NOT_PINNED, path, "the image " + image + " uses the tag latest, so each run may pull a different one");
        }
    }

    private void texts(String path, List<String> values) {
        for (int i = 0; values != null && i < values.size(); i++) {
            placeholder(path + "[" + i + "]", values.get(i));
        }
    }

    private void placeholder(String path, String text) {
        if (text != null) {
            var m = PLACEHOLDER.matcher(text);
            if (m.find()) {
                add(QualityRule.PLACEHOLDER_TEXT, path, "the text holds the placeholder " + m.group(1));
            }
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
