package dev.itf.operator.dashboard;

import dev.itf.api.TestRun;
import dev.itf.api.TestRunStatus;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * One run as the dashboard lists it: what {@code kubectl get testruns} shows, and nothing of its spec's variables or
 * secrets. Made from the informer's copy of the run.
 */
public record RunRow(String namespace, String name, String uid, String resourceVersion, String suite, String phase,
                     int total, int passed, int failed, int errored, int skipped, int flaky,
                     String passRate, String startTime, String duration, boolean finished) {

    public static RunRow of(TestRun run, Instant now) {
        TestRunStatus st = run.getStatus();
        TestRunStatus.Summary s = st == null || st.summary == null ? new TestRunStatus.Summary() : st.summary;
        String phase = st == null || st.phase == null ? "Pending" : st.phase.name();
        boolean finished = st != null && st.phase != null && st.phase.isFinal();
        // of the cases that have run so far (all of them once the run finished), as the reports count it
        int ran = s.passed + s.failed + s.errored;
        String rate = ran == 0 ? "" : String.format(Locale.ROOT, "%.1f%%", 100.0 * s.passed / ran);
        return new RunRow(run.getMetadata().getNamespace(), run.getMetadata().getName(), run.getMetadata().getUid(),
                run.getMetadata().getResourceVersion(), run.getSpec() == null || run.getSpec().suiteRef == null ? "" : run.getSpec().suiteRef.name,
                phase, s.total, s.passed, s.failed, s.errored, s.skipped, s.flaky, rate,
                st == null || st.startTime == null ? "" : st.startTime, duration(st, now), finished);
    }

    /** The run's duration so far (or in all, once it finished), as 1m05s. */
    static String duration(TestRunStatus st, Instant now) {
        if (st == null || st.startTime == null) {
            return "";
        }
        try {
            Instant start = Instant.parse(st.startTime);
            Instant end = st.completionTime == null ? now : Instant.parse(st.completionTime);
            return text(Duration.between(start, end));
        } catch (DateTimeParseException e) {
            return "";
        }
    }

    static String text(Duration d) {
        long s = Math.max(0, d.toSeconds());
        return s >= 3600 ? String.format(Locale.ROOT, "%dh%02dm", s / 3600, s % 3600 / 60)
                : s >= 60 ? String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60) : s + "s";
    }

    /** What changes when the row changes on a page; the duration of a running run ticks without a change. */
    String version() {
        return resourceVersion + "/" + phase;
    }

    public String key() {
        return namespace + "/" + name;
    }
}
