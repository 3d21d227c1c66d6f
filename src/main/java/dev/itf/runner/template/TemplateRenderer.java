package dev.itf.runner.template;

import dev.itf.runner.TemplateException;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;

/**
 * Renders {@code ${...}} expressions in a string. An expression is a variable name ({@code baseUrl},
 * {@code components.api.url}), {@code env.NAME}, or a function: {@code uuid()}, {@code now()}, {@code randomInt(a,b)}.
 * {@code $${} writes a literal {@code ${}. Rendered values are always strings.
 */
public final class TemplateRenderer {

    private final Function<String, String> variables;
    private final Function<String, String> environment;

    /**
     * @param variables   the value of a variable, or null when it is undefined
     * @param environment the value of an environment variable, or null when it is unset
     */
    public TemplateRenderer(Function<String, String> variables, Function<String, String> environment) {
        this.variables = variables;
        this.environment = environment;
    }

    public String render(String template) {
        if (template == null || !template.contains("${")) {
            return template;
        }
        StringBuilder out = new StringBuilder(template.length() + 16);
        int i = 0;
        while (i < template.length()) {
            int start = template.indexOf("${", i);
            if (start < 0) {
                out.append(template, i, template.length());
                break;
            }
            if (start > 0 && template.charAt(start - 1) == '$') {
                // "$${" is the escape for a literal "${"
                out.append(template, i, start - 1).append("${");
                i = start + 2;
                continue;
            }
            int end = template.indexOf('}', start + 2);
            if (end < 0) {
                throw new TemplateException("unclosed template expression \"" + template.substring(start) + "\": add a closing }");
            }
            out.append(template, i, start).append(evaluate(template.substring(start + 2, end).trim()));
            i = end + 1;
        }
        return out.toString();
    }

    private String evaluate(String expression) {
        if (expression.isEmpty()) {
            throw new TemplateException("empty template expression ${}");
        }
        int paren = expression.indexOf('(');
        if (paren > 0 && expression.endsWith(")")) {
            return call(expression.substring(0, paren).trim(), expression.substring(paren + 1, expression.length() - 1).trim());
        }
        if (expression.startsWith("env.")) {
            String name = expression.substring(4);
            String value = environment.apply(name);
            if (value == null) {
                throw new TemplateException("undefined environment variable \"" + name + "\"");
            }
            return value;
        }
        String value = variables.apply(expression);
        if (value == null) {
            throw new TemplateException("undefined variable \"" + expression + "\"");
        }
        return value;
    }

    private static String call(String function, String args) {
        switch (function) {
            case "uuid":
                noArguments(function, args);
                return UUID.randomUUID().toString();
            case "now":
                noArguments(function, args);
                return DateTimeFormatter.ISO_INSTANT.format(Instant.now().truncatedTo(ChronoUnit.MILLIS));
            case "randomInt":
                return randomInt(args);
            default:
                throw new TemplateException("unknown template function \"" + function + "()\": use uuid(), now() or randomInt(a,b)");
        }
    }

    private static void noArguments(String function, String args) {
        if (!args.isEmpty()) {
            throw new TemplateException("template function " + function + "() takes no arguments, got \"" + args + "\"");
        }
    }

    private static String randomInt(String args) {
        String[] parts = args.split(",");
        if (parts.length != 2) {
            throw new TemplateException("randomInt(a,b) needs two integers, got \"" + args + "\"");
        }
        try {
            long low = Long.parseLong(parts[0].trim());
            long high = Long.parseLong(parts[1].trim());
            if (high < low) {
                throw new TemplateException("randomInt(" + args + "): the upper bound is below the lower bound");
            }
            return Long.toString(ThreadLocalRandom.current().nextLong(low, high + 1));
        } catch (NumberFormatException e) {
            throw new TemplateException("randomInt(a,b) needs two integers, got \"" + args + "\"");
        }
    }
}
