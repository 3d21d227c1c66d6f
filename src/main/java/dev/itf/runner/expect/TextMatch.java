package dev.itf.runner.expect;

import dev.itf.api.ValueMatcher;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** equals / contains / matches on a text value, shared by the header and body expectations. */
final class TextMatch {

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

    static Pattern pattern(String regex) {
        try {
            return Pattern.compile(regex, Pattern.DOTALL);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("bad regular expression \"" + regex + "\": " + e.getDescription());
        }
    }
}
