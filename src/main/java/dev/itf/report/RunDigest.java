package dev.itf.report;

import dev.itf.results.CaseResult;
import dev.itf.results.ErrorKind;
import dev.itf.results.Finding;
import dev.itf.results.LoadResult;
import dev.itf.results.Outcome;
import dev.itf.results.RunResult;
import dev.itf.results.StepResult;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** What the HTML, PDF and Allure reports show of a run, worked out once: verdict, rates, failures, flaky cases, load and security data. */
final class RunDigest {

    record LoadStep(CaseResult testCase, StepResult step) {
        LoadResult load() {
            return step.load;
        }
    }

    record SecurityFinding(CaseResult testCase, StepResult step, Finding finding) {
    }

    final RunResult result;
    /** With this run as its newest entry; null without --history. */
    final History history;
    final boolean passed;
    final Double passRate;
    final Map<ErrorKind, Integer> errorKinds;
    /** Failed and errored cases, most severe first, then in run order. */
    final List<CaseResult> failures;
    /** Flaky in this run (passed on a retry) or over the history. */
    final Set<String> flaky;
    final List<LoadStep> loadSteps = new ArrayList<>();
    final List<SecurityFinding> findings = new ArrayList<>();

    RunDigest(RunResult result, History history) {
        this.result = result;
        this.history = history;
        this.passed = result.succeeded();
        this.passRate = passRate(result.summary.passed, result.summary.total - result.summary.skipped);
        this.errorKinds = errorKinds(result.cases);
        this.failures = result.cases.stream().filter(RunDigest::notPassed)
                .sorted(Comparator.comparing(CaseResult::severityOrDefault)).toList();
        this.flaky = new LinkedHashSet<>();
        result.cases.stream().filter(c -> c.flaky).forEach(c -> flaky.add(c.caseId));
        if (history != null) {
            flaky.addAll(history.flakyCases());
        }
        for (CaseResult c : result.cases) {
            for (StepResult s : c.steps) {
                if (s.load != null) {
                    loadSteps.add(new LoadStep(c, s));
                }
                if (s.findings != null) {
                    s.findings.forEach(f -> findings.add(new SecurityFinding(c, s, f)));
                }
            }
        }
    }

    static boolean notPassed(CaseResult c) {
        return c.outcome == Outcome.FAILED || c.outcome == Outcome.ERRORED;
    }

    /** passed / ran, null when nothing ran. */
    static Double passRate(int passed, int ran) {
        return ran <= 0 ? null : (double) passed / ran;
    }

    /** Failed and errored cases by error kind, most frequent first; cases without a kind are left out. */
    static Map<ErrorKind, Integer> errorKinds(List<CaseResult> cases) {
        Map<ErrorKind, Integer> counts = new EnumMap<>(ErrorKind.class);
        cases.stream().filter(RunDigest::notPassed).filter(c -> c.errorKind != null)
                .forEach(c -> counts.merge(c.errorKind, 1, Integer::sum));
        Map<ErrorKind, Integer> sorted = new LinkedHashMap<>();
        counts.entrySet().stream().sorted(Map.Entry.<ErrorKind, Integer>comparingByValue().reversed())
                .forEach(e -> sorted.put(e.getKey(), e.getValue()));
        return sorted;
    }

    String verdict() {
        if (result.summary.total == 0) {
            return "NO CASES";
        }
        return passed ? "PASSED" : "FAILED";
    }

    /** Every load threshold with its case and step. */
    List<ThresholdRow> thresholds() {
        List<ThresholdRow> rows = new ArrayList<>();
        for (LoadStep s : loadSteps) {
            for (LoadResult.Threshold t : s.load().thresholds) {
                rows.add(new ThresholdRow(s.testCase().caseId, s.step().name, t));
            }
        }
        return rows;
    }

    record ThresholdRow(String caseId, String step, LoadResult.Threshold threshold) {
        String verdict() {
            return threshold.passed == null ? "not measured" : threshold.passed ? "held" : "failed";
        }
    }

    static String percent(Double rate) {
        if (rate == null) {
            return "n/a";
        }
        // a run with one failure in ten thousand never reads as 100%
        double p = rate < 1 ? Math.min(rate * 100, 99.9) : 100;
        return (p == Math.floor(p) ? String.format(Locale.ROOT, "%.0f", p) : String.format(Locale.ROOT, "%.1f", p)) + "%";
    }

    static String duration(long ms) {
        if (ms < 1000) {
            return ms + " ms";
        }
        if (ms < 60_000) {
            return String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
        }
        long s = ms / 1000;
        return s / 3600 > 0 ? String.format(Locale.ROOT, "%dh %02dm", s / 3600, (s % 3600) / 60)
                : String.format(Locale.ROOT, "%dm %02ds", s / 60, s % 60);
    }
}
