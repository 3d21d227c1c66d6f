package dev.itf.runner.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.itf.api.SecretKeyRef;
import dev.itf.runner.Redactor;
import dev.itf.runner.RunResources;
import dev.itf.runner.SecretReader;
import dev.itf.runner.StepContext;
import dev.itf.runner.StepResponse;
import dev.itf.runner.TemplateException;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A step context for auth tests: ${name} templates from a map, secrets from a fixed env through {@link SecretReader},
 * and every log line kept exactly as the code under test wrote it, so a test can prove no secret was logged.
 */
final class RecordingStepContext implements StepContext {

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([^}]+)}");

    final Redactor redactor = new Redactor();
    final List<String> lines = new CopyOnWriteArrayList<>();
    private final Map<String, String> variables;
    private final SecretReader secrets;
    private final RunResources resources = new RunResources();
    Duration timeout = Duration.ofSeconds(10);

    RecordingStepContext(Map<String, String> variables, Map<String, String> env) {
        this.variables = variables;
        this.secrets = new SecretReader(Map.copyOf(env)::get, redactor);
    }

    @Override
    public String render(String template) {
        Matcher m = VARIABLE.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = variables.get(m.group(1));
            if (value == null) {
                throw new TemplateException("undefined variable " + m.group(1));
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    @Override
    public JsonNode render(JsonNode node) {
        if (node.isTextual()) {
            return TextNode.valueOf(render(node.asText()));
        }
        if (node.isObject()) {
            ObjectNode copy = ((ObjectNode) node).objectNode();
            node.fields().forEachRemaining(e -> copy.set(e.getKey(), render(e.getValue())));
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = ((ArrayNode) node).arrayNode();
            node.forEach(n -> copy.add(render(n)));
            return copy;
        }
        return node;
    }

    @Override
    public Duration timeout() {
        return timeout;
    }

    @Override
    public RunResources resources() {
        return resources;
    }

    @Override
    public String secret(SecretKeyRef ref, String defaultKey) {
        return secrets.read(ref, defaultKey);
    }

    @Override
    public List<String> check(StepResponse response) {
        return List.of();
    }

    @Override
    public void log(String line) {
        lines.add(line);
    }

    @Override
    public Redactor redactor() {
        return redactor;
    }
}
