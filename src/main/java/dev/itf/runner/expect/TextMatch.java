package dev.itf.runner.expect;

import dev.itf.api.ValueMatcher;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** equals / contains / matches on a text value, shared by the header and body expectations. */
final class TextMatch {

    private static final int MAX_COMPILED = 10_000;
    private static final Map<String, Pattern> COMPILED = new ConcurrentHashMap<>();

    private TextMatch() {
    }

    /** Null when every operator set on the matcher holds for actual; otherwise "OPERATOR: expected ..., actual ...". */
    static String failure(ValueMatcher m, String actual) {
        if (m.equals != null && !m.equals.isNull() && !m.equals.asText().equals(actual)) {
            return "equals: expected " + Excerpt.quoted(m.equals.asText()) + ", actual " + Excerpt.quoted(actual);
        }
        if (m.contains != null && (actual == null || !actual.contains(m.contains))) {
            return "contains: expected to contain " + Excerpt.quoted(m.contains) + ", actual " + Excerpt.quoted(actual);
        }
        if (m.matches != null && (actual == null || !pattern(m.matches).matcher(actual).matches())) {
            return "matches: expected to match " + Excerpt.quoted(m.matches) + ", actual " + Excerpt.quoted(actual);
        }
        return null;
    }

    /** The regular expression compiled, once per distinct text (most come from the suite, a few from templates). */
    static Pattern pattern(String regex) {
        Pattern p = COMPILED.get(regex);
        if (p != null) {
            return p;
        }
        try {
            p = Pattern.compile(regex, Pattern.DOTALL);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("bad regular expression \"" + regex + "\": " + e.getDescription());
        }
        if (COMPILED.size() < MAX_COMPILED) {
            COMPILED.put(regex, p);
        }
        return p;
    }
}
