package dev.itf.operator.run;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as users write them in manifests (500ms, 30s, 5m, 1h30m) and as the status shows them (1m12s). */
public final class DurationText {
    private static final Pattern PART = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)(ms|s|m|h)");

    private DurationText() {
    }

    public static Duration parse(String text, Duration fallback) {
        if (text == null || text.isBlank()) {
            return fallback;
        }
        Matcher m = PART.matcher(text);
        long millis = 0;
        int end = 0;
        while (m.find()) {
            if (m.start() != end) {
                throw new IllegalArgumentException("not a duration: " + text + " (expected e.g. 30s, 5m, 1h30m)");
            }
            double n = Double.parseDouble(m.group(1));
            millis += (long) (n * switch (m.group(2)) {
                case "ms" -> 1;
                case "s" -> 1_000;
                case "m" -> 60_000;
                default -> 3_600_000;
            });
            end = m.end();
        }
        if (end != text.length() || end == 0) {
            throw new IllegalArgumentException("not a duration: " + text + " (expected e.g. 30s, 5m, 1h30m)");
        }
        return Duration.ofMillis(millis);
    }

    public static String format(Duration d) {
        long s = Math.max(0, d.getSeconds());
        long h = s / 3600;
        long m = (s % 3600) / 60;
        long sec = s % 60;
        StringBuilder out = new StringBuilder();
        if (h > 0) out.append(h).append('h');
        if (m > 0) out.append(m).append('m');
        if (sec > 0 || out.length() == 0) out.append(sec).append('s');
        return out.toString();
    }
}
