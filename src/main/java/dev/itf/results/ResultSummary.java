package dev.itf.results;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.itf.api.TestRunStatus;
import dev.itf.api.TestRunStatus.Failure;
import dev.itf.results.RunResult;

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

    public TestRunStatus.Summary counts = new TestRunStatus.Summary();
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
        List<CaseResult> last = lastAttempts(results);
        s.counts = RunResult.summarize(last);
        for (CaseResult r : last) {
            if ((r.outcome == Outcome.FAILED || r.outcome == Outcome.ERRORED) && s.failures.size() < maxFailures) {
                s.failures.add(new Failure(r.caseId, r.title, cut(r.message, MAX_MESSAGE)));
            }
        }
        return s;
    }

    /** Adds another summary's counts and as many of its failures as fit. */
    public void add(ResultSummary other, int maxFailures) {
        counts.total += other.counts.total;
        counts.passed += other.counts.passed;
        counts.failed += other.counts.failed;
        counts.errored += other.counts.errored;
        counts.skipped += other.counts.skipped;
        counts.flaky += other.counts.flaky;
        for (Failure f : other.failures) {
            if (failures.size() < maxFailures) {
                failures.add(f);
            }
        }
    }

    @JsonIgnore
    public boolean allPassed() {
        return counts.failed == 0 && counts.errored == 0;
    }

    static String cut(String s, int max) {
        if (s == null || s.length() <= max) {
            return s;
        }
        return s.substring(0, max - 1) + "…";
    }
}
