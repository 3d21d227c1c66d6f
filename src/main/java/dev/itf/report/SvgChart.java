package dev.itf.report;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleFunction;

import static dev.itf.report.Html.esc;

/** Charts as inline SVG, so a report draws them with no script and no request. */
final class SvgChart {

    record Slice(String label, double value, String color) {
    }

    record Series(String name, String color, double[] values) {
    }

    private SvgChart() {
    }

    /** A ring of slices with a text in its middle. */
    static String donut(String title, List<Slice> slices, String center) {
        double total = slices.stream().mapToDouble(Slice::value).sum();
        double r = 60;
        double c = 2 * Math.PI * r;
        StringBuilder b = new StringBuilder();
        b.append("<svg class=\"chart donut\" viewBox=\"0 0 160 160\" width=\"160\" height=\"160\" role=\"img\" aria-label=\"")
                .append(esc(title)).append("\"><title>").append(esc(title)).append("</title>");
        b.append("<circle cx=\"80\" cy=\"80\" r=\"60\" fill=\"none\" stroke=\"#e6e8eb\" stroke-width=\"22\"/>");
        double offset = 0;
        for (Slice s : slices) {
            if (s.value <= 0 || total <= 0) {
                continue;
            }
            double len = c * s.value / total;
            b.append("<circle cx=\"80\" cy=\"80\" r=\"60\" fill=\"none\" stroke=\"").append(s.color)
                    .append("\" stroke-width=\"22\" stroke-dasharray=\"").append(num(len)).append(' ').append(num(c - len))
                    .append("\" stroke-dashoffset=\"").append(num(-offset)).append("\" transform=\"rotate(-90 80 80)\"><title>")
                    .append(esc(s.label)).append(": ").append(num(s.value)).append("</title></circle>");
            offset += len;
        }
        b.append("<text x=\"80\" y=\"86\" text-anchor=\"middle\" font-size=\"22\" font-weight=\"700\" fill=\"#1f2328\">")
                .append(esc(center)).append("</text></svg>");
        return b.toString();
    }

    /** Horizontal bars, one per slice, labelled with name and value. */
    static String bars(String title, List<Slice> bars) {
        double max = bars.stream().mapToDouble(Slice::value).max().orElse(1);
        int rowH = 24;
        int w = 520;
        int labelW = 150;
        int h = Math.max(rowH, bars.size() * rowH) + 4;
        StringBuilder b = new StringBuilder();
        b.append("<svg class=\"chart bars\" viewBox=\"0 0 ").append(w).append(' ').append(h).append("\" width=\"").append(w)
                .append("\" height=\"").append(h).append("\" role=\"img\" aria-label=\"").append(esc(title)).append("\"><title>")
                .append(esc(title)).append("</title>");
        int y = 2;
        for (Slice s : bars) {
            double bw = max <= 0 ? 0 : (w - labelW - 60) * s.value / max;
            b.append("<text x=\"").append(labelW - 8).append("\" y=\"").append(y + 16).append("\" text-anchor=\"end\" font-size=\"13\" fill=\"#1f2328\">")
                    .append(esc(s.label)).append("</text>");
            b.append("<rect x=\"").append(labelW).append("\" y=\"").append(y + 3).append("\" width=\"").append(num(Math.max(bw, 1)))
                    .append("\" height=\"").append(rowH - 8).append("\" rx=\"3\" fill=\"").append(s.color).append("\"/>");
            b.append("<text x=\"").append(num(labelW + Math.max(bw, 1) + 6)).append("\" y=\"").append(y + 16)
                    .append("\" font-size=\"13\" fill=\"#1f2328\">").append(num(s.value)).append("</text>");
            y += rowH;
        }
        return b.append("</svg>").toString();
    }

    /** Lines over a common x axis, with a legend, y grid lines and the first and last x labels. */
    static String lines(String title, List<Series> series, String[] xLabels, DoubleFunction<String> yFormat, Double yMaxFixed) {
        int w = 560;
        int h = 220;
        int left = 64;
        int right = 16;
        int top = 28;
        int bottom = 30;
        int n = xLabels.length;
        double max = yMaxFixed != null ? yMaxFixed : series.stream().flatMapToDouble(s -> Arrays.stream(s.values))
                .filter(v -> !Double.isNaN(v)).max().orElse(1);
        max = niceMax(max);
        double plotW = w - left - right;
        double plotH = h - top - bottom;
        StringBuilder b = new StringBuilder();
        b.append("<svg class=\"chart lines\" viewBox=\"0 0 ").append(w).append(' ').append(h).append("\" width=\"").append(w)
                .append("\" height=\"").append(h).append("\" role=\"img\" aria-label=\"").append(esc(title)).append("\"><title>")
                .append(esc(title)).append("</title>");
        for (int g = 0; g <= 4; g++) {
            double y = top + plotH - plotH * g / 4;
            b.append("<line x1=\"").append(left).append("\" x2=\"").append(w - right).append("\" y1=\"").append(num(y)).append("\" y2=\"")
                    .append(num(y)).append("\" stroke=\"#e6e8eb\"/>");
            b.append("<text x=\"").append(left - 6).append("\" y=\"").append(num(y + 4)).append("\" text-anchor=\"end\" font-size=\"11\" fill=\"#57606a\">")
                    .append(esc(yFormat.apply(max * g / 4))).append("</text>");
        }
        if (n > 0) {
            b.append("<text x=\"").append(left).append("\" y=\"").append(h - 8).append("\" font-size=\"11\" fill=\"#57606a\">")
                    .append(esc(xLabels[0])).append("</text>");
            b.append("<text x=\"").append(w - right).append("\" y=\"").append(h - 8).append("\" text-anchor=\"end\" font-size=\"11\" fill=\"#57606a\">")
                    .append(esc(xLabels[n - 1])).append("</text>");
        }
        int lx = left;
        for (Series s : series) {
            b.append("<rect x=\"").append(lx).append("\" y=\"8\" width=\"12\" height=\"4\" fill=\"").append(s.color).append("\"/>");
            b.append("<text x=\"").append(lx + 16).append("\" y=\"14\" font-size=\"11\" fill=\"#1f2328\">").append(esc(s.name)).append("</text>");
            lx += 24 + s.name.length() * 7;
        }
        for (Series s : series) {
            StringBuilder points = new StringBuilder();
            for (int i = 0; i < s.values.length && i < n; i++) {
                if (Double.isNaN(s.values[i])) {
                    continue;
                }
                double x = n == 1 ? left + plotW / 2 : left + plotW * i / (n - 1);
                double y = top + plotH - plotH * Math.min(s.values[i], max) / max;
                points.append(num(x)).append(',').append(num(y)).append(' ');
                if (n <= 60) {
                    b.append("<circle cx=\"").append(num(x)).append("\" cy=\"").append(num(y)).append("\" r=\"2.5\" fill=\"")
                            .append(s.color).append("\"><title>").append(esc(xLabels[i])).append(": ")
                            .append(esc(yFormat.apply(s.values[i]))).append("</title></circle>");
                }
            }
            b.append("<polyline fill=\"none\" stroke-width=\"2\" stroke=\"").append(s.color).append("\" points=\"")
                    .append(points.toString().trim()).append("\"/>");
        }
        return b.append("</svg>").toString();
    }

    /** The smallest of 1, 2, 2.5, 4, 5, 8 or 10 times a power of ten at or above max, so four grid steps read well. */
    static double niceMax(double max) {
        if (max <= 0 || Double.isNaN(max)) {
            return 1;
        }
        double power = Math.pow(10, Math.floor(Math.log10(max)));
        for (double f : new double[] {1, 2, 2.5, 4, 5, 8, 10}) {
            if (f * power >= max - 1e-9) {
                return f * power;
            }
        }
        return 10 * power;
    }

    static String num(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e12) {
            return Long.toString((long) v);
        }
        return String.format(Locale.ROOT, "%.2f", v);
    }
}
