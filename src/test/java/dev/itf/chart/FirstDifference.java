package dev.itf.chart;

import java.util.List;

/** Where a committed generated file first departs from what generation gives, for drift messages. */
public final class FirstDifference {
    private FirstDifference() {
    }

    /** e.g. {@code line 12: expected "  name: itf" but found "  name: other"}. */
    public static String of(String expected, String actual) {
        List<String> want = expected.lines().toList();
        List<String> have = actual.lines().toList();
        for (int i = 0; i < Math.max(want.size(), have.size()); i++) {
            String w = i < want.size() ? "\"" + want.get(i) + "\"" : "the end of the file";
            String h = i < have.size() ? "\"" + have.get(i) + "\"" : "the end of the file";
            if (!w.equals(h)) {
                return "line " + (i + 1) + ": expected " + w + " but found " + h;
            }
        }
        return "line endings differ";
    }
}
