package dev.itf.results;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.itf.api.TestRunStatus.Failure;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Counts of a set of case results (the last attempt of each case counts) and the first failures. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ResultSummary {
    public static final int MAX_MESSAGE = 500;

    public int total;
    public int passed;
    public int failed;
    public int errored;
    public int skipped;
    public int flaky;
    public List<Failure> failures = new ArrayList<>();

    /** The last attempt of every case, in case id order. */
    public static List<CaseResult> lastAttempts(Collection<CaseResult> results) {
        Map<String, CaseResult> last = new LinkedHashMap<>();
        results.stream().sorted(Comparator.comparing((CaseResult r) -> r.caseId).thenComparingInt(r -> r.attempt))
                .forEach(r -> last.put(r.caseId, r));
        return new ArrayList<>(last.values());
    }

    public static ResultSummary of(Collection<CaseResult> results, int maxFailures) {
        ResultSummary s = new ResultSummary();
        for (CaseResult r : lastAttempts(results)) {
            s.total++;
            switch (r.outcome == null ? Outcome.ERRORED : r.outcome) {
                case PASSED -> {
                    s.passed++;
                    if (r.flaky || r.attempt > 1) {
                        s.flaky++;
                    }
                }
                case FAILED -> s.failed++;
                case ERRORED -> s.errored++;
                case SKIPPED -> s.skipped++;
            }
            if ((r.outcome == Outcome.FAILED || r.outcome == Outcome.ERRORED) && s.failures.size() < maxFailures) {
                s.failures.add(new Failure(r.caseId, r.title, cut(r.message, MAX_MESSAGE)));
            }
        }
        return s;
    }

    /** Adds another summary's counts and as many of its failures as fit. */
    public void add(ResultSummary other, int maxFailures) {
        total += other.total;
        passed += other.passed;
        failed += other.failed;
        errored += other.errored;
        skipped += other.skipped;
        flaky += other.flaky;
        for (Failure f : other.failures) {
            if (failures.size() < maxFailures) {
                failures.add(f);
            }
        }
    }

    public boolean allPassed() {
        return failed == 0 && errored == 0;
    }

    static String cut(String s, int max) {
        if (s == null || s.length() <= max) {
            return s;
        }
        return s.substring(0, max - 1) + "…";
    }
}
