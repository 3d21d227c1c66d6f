package dev.itf.operator.run;

import dev.itf.runner.Durations;

import java.time.Duration;

/** Durations in manifests (parsed as the runner parses them) and in the status, where they read like 1m12s. */
public final class DurationText {
    private DurationText() {
    }

    public static Duration parse(String text, Duration fallback) {
        return text == null || text.isBlank() ? fallback : Durations.parse(text);
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
