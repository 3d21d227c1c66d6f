package dev.itf.report;

import dev.itf.results.LoadResult;

import java.util.List;
import java.util.Locale;

/**
 * The reports' inline SVG charts for pages outside a report (the operator's dashboard): a suite's trends over its
 * history and a load step's latency. Each returns markup ready to embed, or an empty string when there is too little
 * to draw.
 */
public final class Charts {
    private static final String BLUE = "#0969da";

    private Charts() {
    }

    private static String[] starts(History h) {
        return h.runs.stream().map(r -> r.startedAt == null ? "" : r.startedAt.substring(0, Math.min(16, r.startedAt.length())).replace('T', ' '))
                .toArray(String[]::new);
    }

    /** Pass rate per run, oldest on the left; needs two runs. */
    public static String passRate(History h) {
        if (h.runs.size() < 2) {
            return "";
        }
        double[] rate = h.runs.stream().mapToDouble(r -> r.passRate() == null ? Double.NaN : r.passRate() * 100).toArray();
        return SvgChart.lines("Pass rate (%)", List.of(new SvgChart.Series("pass rate %", HtmlReport.PASSED, rate)), starts(h),
                v -> SvgChart.num(Math.round(v)) + "%", 100.0);
    }

    /** Duration per run in seconds; needs two runs. */
    public static String duration(History h) {
        if (h.runs.size() < 2) {
            return "";
        }
        double[] seconds = h.runs.stream().mapToDouble(r -> r.durationMs / 1000.0).toArray();
        return SvgChart.lines("Duration (s)", List.of(new SvgChart.Series("duration s", BLUE, seconds)), starts(h),
                v -> String.format(Locale.ROOT, "%.1f s", v), null);
    }

    /** A load step's p50, p95 and p99 latency per second of its run; empty without a timeline. */
    public static String latency(LoadResult l) {
        if (l == null || l.timeline.isEmpty()) {
            return "";
        }
        String[] x = l.timeline.stream().map(t -> t.second + " s").toArray(String[]::new);
        return SvgChart.lines("Latency percentiles over time (ms)", List.of(
                new SvgChart.Series("p50", BLUE, values(l, t -> t.p50Ms)),
                new SvgChart.Series("p95", "#bc4c00", values(l, t -> t.p95Ms)),
                new SvgChart.Series("p99", HtmlReport.FAILED, values(l, t -> t.p99Ms))), x,
                v -> String.format(Locale.ROOT, "%.0f ms", v), null);
    }

    private static final String[] PALETTE = {BLUE, HtmlReport.PASSED, HtmlReport.FAILED, "#bc4c00", "#8250df", "#1b7c83", "#9a6700", "#57606a"};

    /** Any number of named series over common x labels (NaN where a series has no value). */
    public static String lines(String title, List<String> names, List<double[]> series, String[] xLabels,
                               java.util.function.DoubleFunction<String> yFormat) {
        List<SvgChart.Series> all = new java.util.ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            all.add(new SvgChart.Series(names.get(i), PALETTE[i % PALETTE.length], series.get(i)));
        }
        return SvgChart.lines(title, all, xLabels, yFormat, null);
    }

    private static double[] values(LoadResult l, java.util.function.Function<LoadResult.Second, Double> f) {
        return l.timeline.stream().mapToDouble(t -> f.apply(t) == null ? Double.NaN : f.apply(t)).toArray();
    }
}
