package dev.itf.runner;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as users write them in suites: {@code 500ms}, {@code 5s}, {@code 1.5m}, {@code 1h30m}. */
public final class DurationText {

    private static final Pattern PART = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)(ms|s|m|h)");

    private DurationText() {
    }

    /**
     * @param field names the field in the error, e.g. {@code expectMessage.within}
     */
    public static Duration parse(String text, String field) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException(field + ": a duration is required, e.g. 5s");
        }
        Matcher m = PART.matcher(text.trim());
        double millis = 0;
        int end = 0;
        while (m.find() && m.start() == end) {
            double n = Double.parseDouble(m.group(1));
            millis += switch (m.group(2)) {
                case "ms" -> n;
                case "s" -> n * 1_000;
                case "m" -> n * 60_000;
                default -> n * 3_600_000;
            };
            end = m.end();
        }
        if (end == 0 || end != text.trim().length()) {
            throw new IllegalArgumentException(field + ": '" + text + "' is not a duration; write e.g. 500ms, 5s, 2m or 1h30m");
        }
        return Duration.ofMillis(Math.round(millis));
    }
}
