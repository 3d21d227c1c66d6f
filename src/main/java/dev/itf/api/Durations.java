package dev.itf.api;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses the durations of the API: 500ms, 30s, 5m, 1h30m, 1.5s; a leading minus where a field allows it. */
public final class Durations {

    private static final Pattern WHOLE = Pattern.compile(Itf.DURATION_PATTERN.replace("^", "^-?"));
    private static final Pattern PART = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)(ms|s|m|h)");

    private Durations() {
    }

    /** The duration, or an IllegalArgumentException whose message says what a duration looks like. */
    public static Duration parse(String text) {
        if (text == null || !WHOLE.matcher(text).matches()) {
            throw new IllegalArgumentException("\"" + text + "\" is not a duration such as 500ms, 30s, 5m or 1h30m");
        }
        boolean negative = text.startsWith("-");
        Matcher m = PART.matcher(text);
        double millis = 0;
        while (m.find()) {
            double amount = Double.parseDouble(m.group(1));
            millis += switch (m.group(2)) {
                case "ms" -> amount;
                case "s" -> amount * 1_000;
                case "m" -> amount * 60_000;
                default -> amount * 3_600_000;
            };
        }
        Duration d = Duration.ofNanos(Math.round(millis * 1_000_000));
        return negative ? d.negated() : d;
    }

    /** Formats a duration the way the API writes them: 1h2m3s, 1m12s, 850ms. */
    public static String format(Duration d) {
        long ms = d.toMillis();
        if (ms < 1_000) {
            return ms + "ms";
        }
        StringBuilder sb = new StringBuilder();
        long h = d.toHours();
        long m = d.toMinutesPart();
        long s = d.toSecondsPart();
        if (h > 0) {
            sb.append(h).append('h');
        }
        if (m > 0) {
            sb.append(m).append('m');
        }
        if (s > 0 || sb.isEmpty()) {
            sb.append(s).append('s');
        }
        return sb.toString();
    }
}
