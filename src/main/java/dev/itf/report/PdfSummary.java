package dev.itf.report;

import dev.itf.results.CaseResult;
import dev.itf.results.Compliance;
import dev.itf.results.ErrorKind;
import dev.itf.results.Outcome;
import dev.itf.results.RunResult;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * summary.pdf: the executive summary on one to three A4 pages: verdict, counts, pass rate, error kinds, top
 * failures, performance thresholds, compliance per profile and, with a history, the pass-rate trend. Lists are cut
 * so the document never grows past {@link #MAX_PAGES} pages.
 */
final class PdfSummary {

    static final int MAX_PAGES = 3;
    private static final int TOP_FAILURES = 12;
    private static final float MARGIN = 48;
    private static final PDRectangle SIZE = PDRectangle.A4;
    private static final Color INK = new Color(0x1f, 0x23, 0x28);
    private static final Color MUTED = new Color(0x57, 0x60, 0x6a);
    private static final Color LINE = new Color(0xd0, 0xd7, 0xde);
    private static final Color BAND = new Color(0x24, 0x29, 0x2f);
    private static final Color GREEN = new Color(0x1a, 0x7f, 0x37);
    private static final Color RED = new Color(0xcf, 0x22, 0x2e);
    private static final Color ORANGE = new Color(0xbc, 0x4c, 0x00);
    private static final Color GREY = new Color(0x8c, 0x95, 0x9f);
    private static final Color PURPLE = new Color(0x82, 0x50, 0xdf);
    private static final Color TINT = new Color(0xf6, 0xf8, 0xfa);

    private final RunDigest d;
    private final RunResult run;
    private final PDDocument doc = new PDDocument();
    private final PDFont regular = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
    private final PDFont bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
    private final Map<Character, Boolean> encodable = new HashMap<>();
    private PDPageContentStream cs;
    private float y;

    private PdfSummary(RunDigest digest) {
        this.d = digest;
        this.run = digest.result;
    }

    static void write(RunDigest digest, Path file) throws IOException {
        PdfSummary p = new PdfSummary(digest);
        try (PDDocument doc = p.doc) {
            p.render();
            Files.deleteIfExists(file);
            doc.save(file.toFile());
        }
    }

    private void render() throws IOException {
        PDDocumentInformation info = doc.getDocumentInformation();
        info.setTitle(safe("ITF summary: " + suite() + " " + d.verdict()));
        info.setCreator("ITF");
        info.setCreationDate(Calendar.getInstance());
        newPage(true);
        verdictAndCounts();
        errorKinds();
        trend();
        failures();
        thresholds();
        compliance();
        cs.close();
        footers();
    }

    private String suite() {
        return run.suite == null ? "suite" : run.suite;
    }

    // ---- sections ----

    private void verdictAndCounts() throws IOException {
        Color verdictColor = d.passed ? GREEN : RED;
        float w = SIZE.getWidth() - 2 * MARGIN;
        fill(MARGIN, y - 64, 150, 64, verdictColor);
        text(MARGIN + 12, y - 22, regular, 9, Color.WHITE, "VERDICT");
        text(MARGIN + 12, y - 50, bold, 24, Color.WHITE, d.verdict());
        float x = MARGIN + 162;
        var s = run.summary;
        Object[][] tiles = {{"CASES", s.total, INK}, {"PASSED", s.passed, GREEN}, {"FAILED", s.failed, RED},
                {"ERRORED", s.errored, ORANGE}, {"SKIPPED", s.skipped, GREY}, {"FLAKY", s.flaky, PURPLE}};
        float tileW = (w - 162 - 5 * 6) / 6;
        float size = 20;
        for (Object[] t : tiles) {
            size = Math.min(size, 20 * (tileW - 16) / width(Integer.toString((Integer) t[1]), bold, 20));
        }
        for (Object[] t : tiles) {
            fill(x, y - 64, tileW, 64, TINT);
            stroke(x, y - 64, tileW, 64, LINE);
            text(x + 8, y - 20, regular, 7.5f, MUTED, (String) t[0]);
            String n = Integer.toString((Integer) t[1]);
            text(x + 8, y - 48, bold, size, "0".equals(n) ? INK : (Color) t[2], n);
            x += tileW + 6;
        }
        y -= 84;
        text(MARGIN, y, bold, 11, INK, "Pass rate " + RunDigest.percent(d.passRate));
        text(MARGIN + 130, y, regular, 9, MUTED, "passed / (total - skipped); duration " + RunDigest.duration(run.durationMs)
                + (run.shards > 1 ? "; " + run.shards + " shards" : ""));
        y -= 14;
        float barW = w;
        int total = Math.max(1, s.total);
        float bx = MARGIN;
        int[] parts = {s.passed, s.failed, s.errored, s.skipped};
        Color[] colors = {GREEN, RED, ORANGE, GREY};
        fill(MARGIN, y - 10, barW, 10, new Color(0xea, 0xee, 0xf2));
        for (int i = 0; i < parts.length; i++) {
            float pw = barW * parts[i] / total;
            if (pw > 0) {
                fill(bx, y - 10, pw, 10, colors[i]);
            }
            bx += pw;
        }
        y -= 26;
        text(MARGIN, y, regular, 9.5f, INK, sentence());
        y -= 24;
    }

    /** The run in one plain sentence, for readers who look at nothing else. */
    private String sentence() {
        var s = run.summary;
        int notPassed = s.failed + s.errored;
        if (s.total == 0) {
            return "No case was selected.";
        }
        if (notPassed == 0) {
            return "All " + (s.total - s.skipped) + " cases that ran passed" + (s.flaky > 0 ? ", " + s.flaky + " of them only on a retry." : ".");
        }
        return notPassed + " of " + s.total + " cases did not pass: " + s.failed + " failed an expectation, " + s.errored
                + " could not run" + (s.flaky > 0 ? "; " + s.flaky + " passed only on a retry." : ".");
    }

    private void errorKinds() throws IOException {
        if (d.errorKinds.isEmpty()) {
            return;
        }
        heading("What went wrong");
        int max = d.errorKinds.values().stream().mapToInt(Integer::intValue).max().orElse(1);
        int shown = 0;
        for (Map.Entry<ErrorKind, Integer> e : d.errorKinds.entrySet()) {
            if (shown++ == 6) {
                break;
            }
            ensure(16);
            String label = e.getKey().id() + (e.getKey().expectation() ? " (failed expectation)" : " (could not run)");
            text(MARGIN, y - 9, regular, 9, INK, label);
            float bw = 220f * e.getValue() / max;
            fill(MARGIN + 170, y - 10, Math.max(bw, 1), 9, e.getKey().expectation() ? RED : ORANGE);
            text(MARGIN + 176 + bw, y - 9, bold, 9, INK, Integer.toString(e.getValue()));
            y -= 15;
        }
        y -= 10;
    }

    private void trend() throws IOException {
        History h = d.history;
        if (h == null || h.runs.size() < 2) {
            return;
        }
        heading("Trend over the last " + h.runs.size() + " runs");
        ensure(110);
        float w = SIZE.getWidth() - 2 * MARGIN;
        float chartW = w * 0.62f;
        float chartH = 80;
        float x0 = MARGIN + 30;
        float y0 = y - chartH - 6;
        for (int g = 0; g <= 4; g++) {
            float gy = y0 + chartH * g / 4;
            line(x0, gy, x0 + chartW - 30, gy, LINE, 0.5f);
            text(MARGIN, gy - 3, regular, 7, MUTED, (g * 25) + "%");
        }
        int n = h.runs.size();
        cs.setStrokingColor(GREEN);
        cs.setLineWidth(1.6f);
        boolean started = false;
        for (int i = 0; i < n; i++) {
            Double rate = h.runs.get(i).passRate();
            if (rate == null) {
                continue;
            }
            float px = x0 + (chartW - 30) * i / (n - 1);
            float py = y0 + chartH * rate.floatValue();
            if (started) {
                cs.lineTo(px, py);
            } else {
                cs.moveTo(px, py);
                started = true;
            }
        }
        if (started) {
            cs.stroke();
        }
        float tx = MARGIN + chartW + 16;
        History.Run first = h.runs.get(0);
        History.Run last = h.runs.get(n - 1);
        text(tx, y - 14, regular, 9, MUTED, "Pass rate, first to last run");
        text(tx, y - 30, bold, 12, INK, RunDigest.percent(first.passRate()) + "  ->  " + RunDigest.percent(last.passRate()));
        text(tx, y - 48, regular, 9, MUTED, "Duration, first to last run");
        text(tx, y - 62, bold, 11, INK, RunDigest.duration(first.durationMs) + "  ->  " + RunDigest.duration(last.durationMs));
        text(tx, y - 80, regular, 9, MUTED, "Flaky cases over the history");
        text(tx, y - 94, bold, 11, d.flaky.isEmpty() ? INK : PURPLE, Integer.toString(d.flaky.size()));
        y = y0 - 18;
    }

    private void failures() throws IOException {
        if (d.failures.isEmpty()) {
            return;
        }
        heading("Top failures" + (d.failures.size() > TOP_FAILURES ? " (" + TOP_FAILURES + " of " + d.failures.size() + ")" : ""));
        float[] cols = {MARGIN, MARGIN + 50, MARGIN + 150, MARGIN + 230};
        tableHeader(cols, "SEVERITY", "CASE", "KIND", "WHAT FAILED");
        float msgW = SIZE.getWidth() - MARGIN - cols[3];
        int shown = 0;
        for (CaseResult c : d.failures) {
            if (shown++ == TOP_FAILURES) {
                break;
            }
            List<String> msg = wrap(c.title == null ? "" : c.title, bold, 8.5f, msgW, 1);
            msg.addAll(wrap(c.message == null ? "" : c.message.replace('\n', ' '), regular, 8f, msgW, 2));
            float rowH = 6 + msg.size() * 10.5f;
            if (!ensure(rowH + 2)) {
                break;
            }
            String sev = c.severityOrDefault().name().toLowerCase(Locale.ROOT);
            text(cols[0], y - 10, bold, 8.5f, "high".equals(sev) ? RED : INK, sev);
            text(cols[1], y - 10, bold, 8.5f, INK, fit(c.caseId, bold, 8.5f, 96));
            text(cols[2], y - 10, regular, 8.5f, c.outcome == Outcome.FAILED ? RED : ORANGE,
                    c.errorKind == null ? c.outcome.name().toLowerCase(Locale.ROOT) : c.errorKind.id());
            float ly = y - 10;
            for (int i = 0; i < msg.size(); i++) {
                text(cols[3], ly, i == 0 ? bold : regular, i == 0 ? 8.5f : 8f, i == 0 ? INK : MUTED, msg.get(i));
                ly -= 10.5f;
            }
            y -= rowH;
            line(MARGIN, y, SIZE.getWidth() - MARGIN, y, LINE, 0.5f);
        }
        y -= 14;
    }

    private void thresholds() throws IOException {
        List<RunDigest.ThresholdRow> rows = d.thresholds();
        if (rows.isEmpty()) {
            return;
        }
        heading("Performance thresholds", rows.size());
        float[] cols = {MARGIN, MARGIN + 170, MARGIN + 270, MARGIN + 350, MARGIN + 430};
        tableHeader(cols, "CASE / STEP", "THRESHOLD", "LIMIT", "ACTUAL", "VERDICT");
        for (RunDigest.ThresholdRow r : rows) {
            if (!ensure(15)) {
                break;
            }
            text(cols[0], y - 10, regular, 8.5f, INK, fit(r.caseId() + " / " + r.step(), regular, 8.5f, 165));
            text(cols[1], y - 10, regular, 8.5f, INK, fit(r.threshold().name, regular, 8.5f, 95));
            text(cols[2], y - 10, regular, 8.5f, INK, String.valueOf(r.threshold().limit));
            text(cols[3], y - 10, regular, 8.5f, INK, r.threshold().actual == null ? "-" : r.threshold().actual);
            String v = r.verdict();
            text(cols[4], y - 10, bold, 8.5f, "held".equals(v) ? GREEN : "failed".equals(v) ? RED : MUTED, v);
            y -= 15;
            line(MARGIN, y, SIZE.getWidth() - MARGIN, y, LINE, 0.5f);
        }
        y -= 14;
    }

    private void compliance() throws IOException {
        Compliance c = run.compliance;
        if (c == null || c.profiles.isEmpty()) {
            return;
        }
        heading("Compliance by profile", c.profiles.size());
        float[] cols = {MARGIN, MARGIN + 170, MARGIN + 240, MARGIN + 310, MARGIN + 390};
        tableHeader(cols, "PROFILE", "PASSED", "FAILED", "NOT TESTED", "COVERAGE");
        for (Compliance.Profile p : c.profiles) {
            if (!ensure(15)) {
                break;
            }
            long failed = p.count(Compliance.Control.FAILED);
            text(cols[0], y - 10, bold, 8.5f, INK, fit(p.profile, bold, 8.5f, 165));
            text(cols[1], y - 10, regular, 8.5f, GREEN, Long.toString(p.count(Compliance.Control.PASSED)));
            text(cols[2], y - 10, failed > 0 ? bold : regular, 8.5f, failed > 0 ? RED : INK, Long.toString(failed));
            text(cols[3], y - 10, regular, 8.5f, MUTED, Long.toString(p.count(Compliance.Control.NOT_TESTED)));
            text(cols[4], y - 10, regular, 8.5f, INK, RunDigest.percent(p.coverage));
            y -= 15;
            line(MARGIN, y, SIZE.getWidth() - MARGIN, y, LINE, 0.5f);
        }
        y -= 14;
    }

    // ---- layout ----

    private void newPage(boolean first) throws IOException {
        if (cs != null) {
            cs.close();
        }
        PDPage page = new PDPage(SIZE);
        doc.addPage(page);
        cs = new PDPageContentStream(doc, page);
        float top = SIZE.getHeight();
        if (first) {
            fill(0, top - 96, SIZE.getWidth(), 96, BAND);
            text(MARGIN, top - 34, regular, 9, new Color(0xc9, 0xd1, 0xd9), "ITF  |  EXECUTIVE SUMMARY");
            text(MARGIN, top - 60, bold, 20, Color.WHITE, fit(suite(), bold, 20, SIZE.getWidth() - 2 * MARGIN));
            String when = (run.startedAt == null ? "" : run.startedAt.replace('T', ' ').replaceAll("\\.\\d+Z$", "Z") + "  |  ")
                    + (run.description == null ? "" : run.description);
            text(MARGIN, top - 80, regular, 9, new Color(0xc9, 0xd1, 0xd9), fit(when, regular, 9, SIZE.getWidth() - 2 * MARGIN));
            y = top - 120;
        } else {
            y = top - MARGIN;
        }
    }

    /** Room for h more points on this page, on a new page if needed; false when the page limit is reached. */
    private boolean ensure(float h) throws IOException {
        if (y - h >= MARGIN + 20) {
            return true;
        }
        if (doc.getNumberOfPages() >= MAX_PAGES) {
            return false;
        }
        newPage(false);
        return true;
    }

    private void heading(String title) throws IOException {
        heading(title, 0);
    }

    /** A section title kept on one page with the first rows of what follows it. */
    private void heading(String title, int rows) throws IOException {
        if (!ensure(40 + 15 * Math.min(rows, 4))) {
            return;
        }
        text(MARGIN, y - 12, bold, 12.5f, INK, title);
        y -= 18;
        line(MARGIN, y, SIZE.getWidth() - MARGIN, y, INK, 0.8f);
        y -= 6;
    }

    private void tableHeader(float[] cols, String... names) throws IOException {
        ensure(16);
        for (int i = 0; i < names.length; i++) {
            text(cols[i], y - 9, bold, 7.5f, MUTED, names[i]);
        }
        y -= 14;
    }

    private void footers() throws IOException {
        int pages = doc.getNumberOfPages();
        for (int i = 0; i < pages; i++) {
            try (PDPageContentStream f = new PDPageContentStream(doc, doc.getPage(i), PDPageContentStream.AppendMode.APPEND, true)) {
                cs = f;
                text(MARGIN, 26, regular, 7.5f, MUTED, safe("ITF  |  " + suite() + "  |  rendered from the run's results"));
                String n = "page " + (i + 1) + " of " + pages;
                text(SIZE.getWidth() - MARGIN - regular.getStringWidth(n) / 1000 * 7.5f, 26, regular, 7.5f, MUTED, n);
            }
        }
    }

    private void text(float x, float ty, PDFont font, float size, Color color, String s) throws IOException {
        cs.beginText();
        cs.setFont(font, size);
        cs.setNonStrokingColor(color);
        cs.newLineAtOffset(x, ty);
        cs.showText(safe(s));
        cs.endText();
    }

    private void fill(float x, float fy, float w, float h, Color color) throws IOException {
        cs.setNonStrokingColor(color);
        cs.addRect(x, fy, w, h);
        cs.fill();
    }

    private void stroke(float x, float sy, float w, float h, Color color) throws IOException {
        cs.setStrokingColor(color);
        cs.setLineWidth(0.6f);
        cs.addRect(x, sy, w, h);
        cs.stroke();
    }

    private void line(float x1, float y1, float x2, float y2, Color color, float width) throws IOException {
        cs.setStrokingColor(color);
        cs.setLineWidth(width);
        cs.moveTo(x1, y1);
        cs.lineTo(x2, y2);
        cs.stroke();
    }

    /** The text with characters the standard fonts cannot encode replaced by '?'. */
    private String safe(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char ch : s.toCharArray()) {
            char c = ch == '\t' || ch == '\n' || ch == '\r' ? ' ' : ch;
            boolean ok = encodable.computeIfAbsent(c, k -> {
                try {
                    regular.encode(String.valueOf(k));
                    return true;
                } catch (IOException | IllegalArgumentException e) {
                    return false;
                }
            });
            b.append(ok ? c : '?');
        }
        return b.toString();
    }

    private float width(String s, PDFont font, float size) throws IOException {
        return font.getStringWidth(safe(s)) / 1000 * size;
    }

    private String fit(String s, PDFont font, float size, float max) throws IOException {
        if (width(s, font, size) <= max) {
            return s;
        }
        String t = s;
        while (!t.isEmpty() && width(t + "...", font, size) > max) {
            t = t.substring(0, t.length() - 1);
        }
        return t + "...";
    }

    /** Words wrapped to lines of at most max width, at most maxLines (the last one ending in ... when cut). */
    private List<String> wrap(String s, PDFont font, float size, float max, int maxLines) throws IOException {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        boolean cut = false;
        for (String word : s.split(" ")) {
            String candidate = line.isEmpty() ? word : line + " " + word;
            if (width(candidate, font, size) <= max) {
                line.setLength(0);
                line.append(candidate);
                continue;
            }
            if (!line.isEmpty()) {
                lines.add(line.toString());
            }
            line.setLength(0);
            line.append(word);
            if (lines.size() == maxLines) {
                cut = true;
                break;
            }
        }
        if (!cut && !line.isEmpty()) {
            if (lines.size() < maxLines) {
                lines.add(line.toString());
            } else {
                cut = true;
            }
        }
        for (int i = 0; i < lines.size(); i++) {
            lines.set(i, fit(lines.get(i) + (cut && i == lines.size() - 1 ? " ..." : ""), font, size, max));
        }
        return lines;
    }
}
