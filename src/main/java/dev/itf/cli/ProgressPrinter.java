package dev.itf.cli;

import dev.itf.api.TestRunStatus;
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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Prints a line per case as it finishes, and the summary table at the end of {@code itf run}. Lines are collected and
 * written a few times a second (and at the end), not flushed one by one under a lock every case would wait for.
 */
final class ProgressPrinter implements CaseListener, AutoCloseable {

    private static final int TITLE_CHARS = 50;
    private static final long FLUSH_EVERY_MILLIS = 100;

    private final PrintWriter out;
    private final StringBuilder pending = new StringBuilder();
    private final Thread flusher;
    private volatile boolean closed;

    ProgressPrinter(PrintWriter out) {
        this.out = out;
        this.flusher = new Thread(this::flushRegularly, "itf-progress");
        flusher.setDaemon(true);
        flusher.start();
    }

    private void flushRegularly() {
        while (!closed) {
            LockSupport.parkNanos(this, TimeUnit.MILLISECONDS.toNanos(FLUSH_EVERY_MILLIS));
            flush();
        }
    }

    /** Writes the lines collected so far. */
    void flush() {
        String text;
        synchronized (pending) {
            if (pending.length() == 0) {
                return;
            }
            text = pending.toString();
            pending.setLength(0);
        }
        synchronized (out) {
            out.print(text);
            out.flush();
        }
    }

    @Override
    public void close() {
        closed = true;
        LockSupport.unpark(flusher);
        flush();
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
        b.append(System.lineSeparator());
        synchronized (pending) {
            pending.append(b);
        }
    }

    /** A line of its own, e.g. a run's phase as {@code itf submit --wait} follows it. */
    void note(String line) {
        synchronized (pending) {
            pending.append(line).append(System.lineSeparator());
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
        close();
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"ID", "TITLE", "RESULT", "DURATION", "ATTEMPTS"});
        for (CaseResult r : result.cases) {
            rows.add(new String[] {r.caseId, shortTitle(r.title), label(r), r.durationMs + " ms", Integer.toString(r.attempt)});
        }
        var s = result.summary;
        table(rows, String.format(Locale.ROOT, "%d cases: %d passed (%d flaky), %d failed, %d errored, %d skipped in %s",
                s.total, s.passed, s.flaky, s.failed, s.errored, s.skipped, Durations.format(Duration.ofMillis(result.durationMs))));
    }

    /** The table of a run on the cluster when only its status is known: the failures it lists, then the counts. */
    void summary(TestRunStatus status) {
        close();
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"ID", "TITLE", "RESULT"});
        for (TestRunStatus.Failure f : status.failures) {
            rows.add(new String[] {f.id, shortTitle(f.title), "FAIL"});
        }
        var s = status.summary == null ? new TestRunStatus.Summary() : status.summary;
        table(rows, String.format(Locale.ROOT, "%d cases: %d passed (%d flaky), %d failed, %d errored, %d skipped%s",
                s.total, s.passed, s.flaky, s.failed, s.errored, s.skipped, status.duration == null ? "" : " in " + status.duration));
    }

    private static String shortTitle(String title) {
        String t = title == null ? "" : title;
        return t.length() > TITLE_CHARS ? t.substring(0, TITLE_CHARS - 1) + "…" : t;
    }

    private void table(List<String[]> rows, String counts) {
        int[] widths = new int[rows.get(0).length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        synchronized (out) {
            out.println();
            StringBuilder table = new StringBuilder();
            for (String[] row : rows) {
                int start = table.length();
                for (int i = 0; i < row.length; i++) {
                    table.append(row[i]);
                    if (i < row.length - 1) {
                        table.append(" ".repeat(widths[i] - row[i].length() + 2));
                    }
                }
                int end = table.length();
                while (end > start && table.charAt(end - 1) == ' ') {
                    end--;
                }
                table.setLength(end);
                table.append(System.lineSeparator());
            }
            out.print(table);
            out.println();
            out.println(counts);
            out.flush();
        }
    }
}
