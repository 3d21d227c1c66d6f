package dev.itf.runner.template;

import dev.itf.runner.TemplateException;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The variables one case attempt sees, lowest precedence first: suite variables, run variables, captures.
 * Suite variables may hold templates; they are rendered when used, against this same scope.
 */
public final class VariableScope {

    private final Map<String, String> suite;
    private final Map<String, String> run;
    private final Map<String, String> captures = new ConcurrentHashMap<>();
    private final Function<String, String> environment;
    /** Suite variables being rendered on this thread, to report a cycle instead of overflowing the stack. */
    private static final ThreadLocal<Deque<String>> RESOLVING = ThreadLocal.withInitial(ArrayDeque::new);
    private final TemplateRenderer renderer;

    public VariableScope(Map<String, String> suite, Map<String, String> run, Function<String, String> environment) {
        this(suite == null ? Map.of() : Map.copyOf(nonNull(suite)), run == null ? Map.of() : Map.copyOf(nonNull(run)), environment, true);
    }

    /** A scope over maps that are already immutable copies: {@link #fresh()} shares them. */
    private VariableScope(Map<String, String> suite, Map<String, String> run, Function<String, String> environment, boolean copied) {
        this.suite = suite;
        this.run = run;
        this.environment = environment;
        this.renderer = new TemplateRenderer(this::lookup, environment);
    }

    public String render(String template) {
        return renderer.render(template);
    }

    public void capture(String name, String value) {
        captures.put(name, value == null ? "null" : value);
    }

    /** A fresh scope with the same suite and run variables and no captures: a retried attempt starts clean. */
    public VariableScope fresh() {
        return new VariableScope(suite, run, environment, true);
    }

    public Map<String, String> captures() {
        return Map.copyOf(captures);
    }

    /** The value of a variable, suite templates rendered; null when undefined. */
    public String lookup(String name) {
        String value = captures.get(name);
        if (value != null) {
            return value;
        }
        value = run.get(name);
        if (value != null) {
            return value;
        }
        String template = suite.get(name);
        if (template == null || !template.contains("${")) {
            return template;
        }
        Deque<String> stack = RESOLVING.get();
        if (stack.contains(name)) {
            List<String> cycle = new ArrayList<>(stack);
            Collections.reverse(cycle);
            cycle.add(name);
            throw new TemplateException("suite variables refer to each other in a cycle: " + String.join(" -> ", cycle));
        }
        stack.push(name);
        try {
            return renderer.render(template);
        } finally {
            stack.pop();
        }
    }

    private static Map<String, String> nonNull(Map<String, String> m) {
        Map<String, String> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(k, v == null ? "" : v));
        return out;
    }
}
