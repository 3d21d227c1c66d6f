package dev.itf.cli;

import dev.itf.results.CaseResult;
import dev.itf.results.Outcome;
import dev.itf.runner.CaseListener;
import dev.itf.runner.Durations;
import dev.itf.results.RunResult;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Prints a line per case as it finishes, and the summary table at the end of {@code itf run}. */
final class ProgressPrinter implements CaseListener {

    private static final int TITLE_CHARS = 50;

    private final PrintWriter out;

    ProgressPrinter(PrintWriter out) {
        this.out = out;
    }

    @Override
    public void caseFinished(CaseResult r) {
        StringBuilder b = new StringBuilder();
        b.append(label(r)).append(' ').append(r.caseId).append(' ').append(r.title == null ? "" : r.title)
                .append(" (").append(r.durationMs).append(" ms");
        if (r.attempt > 1) {
            b.append(", attempt ").append(r.attempt);
        }
        b.append(')');
        if (r.message != null && r.outcome != Outcome.PASSED) {
            b.append("\n    ").append(r.message.replace("\n", "\n    "));
        }
        synchronized (out) {
            out.println(b);
            out.flush();
        }
    }

    static String label(CaseResult r) {
        if (r.flaky) {
            return "FLAKY";
        }
        return switch (r.outcome) {
            case PASSED -> "PASS";
            case FAILED -> "FAIL";
            case ERRORED -> "ERROR";
            case SKIPPED -> "SKIP";
        };
    }

    void summary(RunResult result) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"ID", "TITLE", "RESULT", "DURATION", "ATTEMPTS"});
        for (CaseResult r : result.cases) {
            String title = r.title == null ? "" : r.title;
            if (title.length() > TITLE_CHARS) {
                title = title.substring(0, TITLE_CHARS - 1) + "…";
            }
            rows.add(new String[] {r.caseId, title, label(r), r.durationMs + " ms", Integer.toString(r.attempt)});
        }
        int[] widths = new int[5];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        synchronized (out) {
            out.println();
            for (String[] row : rows) {
                StringBuilder line = new StringBuilder();
                for (int i = 0; i < row.length; i++) {
                    line.append(String.format(Locale.ROOT, "%-" + widths[i] + "s", row[i]));
                    if (i < row.length - 1) {
                        line.append("  ");
                    }
                }
                out.println(line.toString().stripTrailing());
            }
            var s = result.summary;
            out.println();
            out.printf(Locale.ROOT, "%d cases: %d passed (%d flaky), %d failed, %d errored, %d skipped in %s%n",
                    s.total, s.passed, s.flaky, s.failed, s.errored, s.skipped, Durations.format(Duration.ofMillis(result.durationMs)));
            out.flush();
        }
    }
}
