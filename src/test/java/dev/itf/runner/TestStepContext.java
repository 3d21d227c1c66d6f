package dev.itf.runner;

import dev.itf.json.Json;

import com.fasterxml.jackson.databind.JsonNode;
import dev.itf.api.SecretKeyRef;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A step context for driving step actions directly in tests: plain ${name} variables, a fixed timeout, secrets from
 * a fixed environment through {@link SecretReader}. {@link #lines} holds the log as output shows it (redacted),
 * {@link #rawLines} as the code under test wrote it, so a test can prove no secret was logged at all.
 */
public final class TestStepContext implements StepContext {

    private static final Pattern VAR = Pattern.compile("\\$\\{([^}]+)}");

    public final Map<String, String> vars = new ConcurrentHashMap<>();
    public final List<String> lines = new CopyOnWriteArrayList<>();
    public final List<String> rawLines = new CopyOnWriteArrayList<>();
    /** What a security step reported. */
    public final List<dev.itf.results.Finding> findings = new CopyOnWriteArrayList<>();
    private final RunResources resources;
    private final Redactor redactor;
    private Duration timeout = Duration.ofSeconds(10);
    private Function<StepResponse, List<String>> check = r -> List.of();
    private SecretReader secrets;

    public TestStepContext(RunResources resources, Redactor redactor) {
        this.resources = resources;
        this.redactor = redactor;
    }

    public TestStepContext timeout(Duration timeout) {
        this.timeout = timeout;
        return this;
    }

    public TestStepContext check(Function<StepResponse, List<String>> check) {
        this.check = check;
        return this;
    }

    /** Secrets read from these environment variables (ITF_SECRET_NAME_KEY). */
    public TestStepContext secrets(Map<String, String> environment) {
        this.secrets = new SecretReader(Map.copyOf(environment)::get, redactor);
        return this;
    }

    public TestStepContext var(String name, String value) {
        vars.put(name, value);
        return this;
    }

    @Override
    public String render(String template) {
        if (template == null) {
            return null;
        }
        Matcher m = VAR.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = vars.get(m.group(1));
            if (value == null) {
                throw new TemplateException("undefined variable '" + m.group(1) + "'");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    @Override
    public JsonNode render(JsonNode node) {
        return Json.mapStrings(node, this::render);
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
        if (secrets == null) {
            throw new IllegalStateException("this test context has no secrets: call secrets(environment)");
        }
        return secrets.read(ref, defaultKey);
    }

    @Override
    public List<String> check(StepResponse response) {
        return check.apply(response);
    }

    @Override
    public void log(String line) {
        rawLines.add(line);
        lines.add(redactor.redact(line));
    }

    @Override
    public Redactor redactor() {
        return redactor;
    }

    @Override
    public void findings(List<dev.itf.results.Finding> more) {
        findings.addAll(more);
    }
}
