package dev.itf.runner;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses the duration text suites use: 500ms, 30s, 1.5s, 5m, 1h30m, and a leading minus for negative ones. */
public final class Durations {

    private static final Pattern PART = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)(ms|s|m|h)");

    private Durations() {
    }

    /** The duration, or null when text is null; throws IllegalArgumentException naming what is accepted. */
    public static Duration parse(String text) {
        if (text == null) {
            return null;
        }
        String t = text.trim();
        boolean negative = t.startsWith("-");
        if (negative) {
            t = t.substring(1);
        }
        Matcher m = PART.matcher(t);
        long nanos = 0;
        int pos = 0;
        while (pos < t.length() && m.find(pos) && m.start() == pos) {
            double amount = Double.parseDouble(m.group(1));
            long unit = switch (m.group(2)) {
                case "ms" -> 1_000_000L;
                case "s" -> 1_000_000_000L;
                case "m" -> 60_000_000_000L;
                default -> 3_600_000_000_000L;
            };
            nanos += Math.round(amount * unit);
            pos = m.end();
        }
        if (pos == 0 || pos != t.length()) {
            throw new IllegalArgumentException("bad duration \"" + text + "\": use a number with ms, s, m or h, e.g. 500ms, 30s, 1h30m");
        }
        return Duration.ofNanos(negative ? -nanos : nanos);
    }

    /** Short human form: 850ms, 2s, 1.5s, 2m. */
    public static String format(Duration d) {
        long ms = d.toMillis();
        if (ms < 1000) {
            return ms + "ms";
        }
        if (ms % 60_000 == 0) {
            return ms / 60_000 + "m";
        }
        if (ms % 1000 == 0) {
            return ms / 1000 + "s";
        }
        return ms / 1000.0 + "s";
    }
}
