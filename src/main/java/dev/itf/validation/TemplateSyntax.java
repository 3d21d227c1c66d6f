package dev.itf.validation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The syntax of {@code ${...}} templates: a variable reference such as {@code ${baseUrl}},
 * {@code ${components.orders-api.url}} or {@code ${env.HOME}}, or a function call {@code ${uuid()}}, {@code ${now()}},
 * {@code ${randomInt(1,100)}}. Checks syntax only; whether a variable is defined is known when the step runs.
 */
public final class TemplateSyntax {

    /** Known functions and how many arguments each takes. */
    public static final Map<String, Integer> FUNCTIONS = Map.of("uuid", 0, "now", 0, "randomInt", 2);

    private static final Pattern VARIABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]*(\\.[A-Za-z0-9_][A-Za-z0-9_-]*)*");
    private static final Pattern CALL = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)\\s*\\((.*)\\)");
    private static final Pattern INTEGER = Pattern.compile("-?[0-9]+");
    private static final Pattern COMPONENT_REF = Pattern.compile("\\$\\{\\s*components\\.([^.}\\s]+)\\.");

    private TemplateSyntax() {
    }

    /** What is wrong with the templates in the text; empty when they all parse. */
    public static List<String> problems(String text) {
        List<String> problems = new ArrayList<>();
        if (text == null) {
            return problems;
        }
        int from = 0;
        while (true) {
            int start = text.indexOf("${", from);
            if (start < 0) {
                return problems;
            }
            int end = text.indexOf('}', start + 2);
            int nested = text.indexOf("${", start + 2);
            if (end < 0 || (nested >= 0 && nested < end)) {
                problems.add("template \"" + excerpt(text, start) + "\" is not closed with }");
                return problems;
            }
            String expression = text.substring(start + 2, end).trim();
            String problem = expressionProblem(expression);
            if (problem != null) {
                problems.add(problem);
            }
            from = end + 1;
        }
    }

    /** Names of the components that {@code ${components.NAME.attribute}} templates in the text refer to. */
    public static List<String> componentNames(String text) {
        List<String> names = new ArrayList<>();
        if (text != null) {
            Matcher m = COMPONENT_REF.matcher(text);
            while (m.find()) {
                names.add(m.group(1));
            }
        }
        return names;
    }

    private static String expressionProblem(String expression) {
        if (expression.isEmpty()) {
            return "empty template ${}";
        }
        Matcher call = CALL.matcher(expression);
        if (call.matches()) {
            String name = call.group(1);
            Integer arity = FUNCTIONS.get(name);
            if (arity == null) {
                return "unknown function " + name + "() in ${" + expression + "}; known: uuid(), now(), randomInt(a,b)";
            }
            String args = call.group(2).trim();
            List<String> values = args.isEmpty() ? List.of() : List.of(args.split(",", -1));
            if (values.size() != arity) {
                return name + "() takes " + arity + " argument" + (arity == 1 ? "" : "s") + ", not " + values.size() + " in ${" + expression + "}";
            }
            for (String v : values) {
                if (!INTEGER.matcher(v.trim()).matches()) {
                    return name + "() takes integer arguments, not \"" + v.trim() + "\" in ${" + expression + "}";
                }
            }
            if ("randomInt".equals(name) && Long.parseLong(values.get(0).trim()) > Long.parseLong(values.get(1).trim())) {
                return "randomInt(a,b) needs a <= b in ${" + expression + "}";
            }
            return null;
        }
        if (!VARIABLE.matcher(expression).matches()) {
            return "\"${" + expression + "}\" is neither a variable name (letters, digits, _ and -, parts separated by .) nor a function call";
        }
        return null;
    }

    private static String excerpt(String text, int start) {
        String rest = text.substring(start);
        return rest.length() > 30 ? rest.substring(0, 30) + "..." : rest;
    }
}
