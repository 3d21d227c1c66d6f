package dev.itf.validation;

import dev.itf.runner.TemplateException;
import dev.itf.runner.template.TemplateRenderer;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Checks {@code ${...}} templates before anything runs, with the runner's own {@link TemplateRenderer} so that both
 * read one grammar: every variable is taken as defined, so what is left to fail is syntax (an unclosed expression,
 * an unknown function, bad arguments). Variable names are also checked: letters, digits, {@code _} and {@code -},
 * parts separated by dots, such as {@code baseUrl} or {@code components.orders-api.url}.
 */
public final class TemplateSyntax {

    private static final Pattern VARIABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]*(\\.[A-Za-z0-9_][A-Za-z0-9_-]*)*");

    private TemplateSyntax() {
    }

    /** What is wrong with the templates in the text; empty when they all parse. */
    public static List<String> problems(String text) {
        List<String> problems = new ArrayList<>();
        List<String> names = variables(text, problems);
        for (String name : names) {
            if (!VARIABLE.matcher(name).matches()) {
                problems.add("\"${" + name + "}\" is not a variable name: letters, digits, _ and -, parts separated by dots");
            }
        }
        return problems;
    }

    /** Names of the components that {@code ${components.NAME.attribute}} templates in the text refer to. */
    public static List<String> componentNames(String text) {
        List<String> components = new ArrayList<>();
        for (String name : variables(text, new ArrayList<>())) {
            String[] parts = name.split("\\.");
            if (parts.length >= 3 && parts[0].equals("components") && VARIABLE.matcher(name).matches()) {
                components.add(parts[1]);
            }
        }
        return components;
    }

    /** The variables the text refers to, in order; a syntax error is added to problems and ends the scan. */
    private static List<String> variables(String text, List<String> problems) {
        List<String> names = new ArrayList<>();
        if (text == null || !text.contains("${")) {
            return names;
        }
        TemplateRenderer renderer = new TemplateRenderer(name -> {
            names.add(name);
            return "";
        }, env -> "");
        try {
            renderer.render(text);
        } catch (TemplateException e) {
            problems.add(e.getMessage());
        }
        return names;
    }
}
