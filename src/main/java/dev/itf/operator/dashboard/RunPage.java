package dev.itf.operator.dashboard;

import dev.itf.report.Charts;
import dev.itf.report.ReportFormat;
import dev.itf.results.CaseResult;
import dev.itf.results.Compliance;
import dev.itf.results.LoadResult;
import dev.itf.results.Outcome;
import dev.itf.results.RunResult;
import dev.itf.results.StepResult;
import io.quarkus.qute.RawString;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a run's page shows, from the run's row and its stored results: cases, failures with their step logs (masked
 * by the runner before they left it), load steps, compliance and a download per report format.
 */
public record RunPage(RunRow run, List<CaseView> cases, List<CaseView> failures, List<LoadView> loads,
                      List<ProfileView> compliance, List<Download> downloads) {

    public record StepView(String name, String type, String outcome, String kind, long durationMs, String message, String log) {
    }

    public record CaseView(String id, String title, String outcome, String kind, String severity, long durationMs,
                           boolean flaky, int attempt, String message, List<StepView> steps) {
    }

    public record Value(String name, String value) {
    }

    public record LoadView(String caseId, String step, String requests, String errors, String throughput,
                           List<Value> latency, RawString chart) {
    }

    public record ProfileView(String profile, String coverage, long passed, long failed, long notTested) {
    }

    public record Download(String format, String file, String href) {
    }

    static RunPage of(RunRow run, RunResult result) {
        List<CaseView> cases = result.cases.stream().map(RunPage::view).toList();
        List<CaseView> failures = result.cases.stream()
                .filter(c -> c.outcome == Outcome.FAILED || c.outcome == Outcome.ERRORED)
                .sorted(Comparator.comparing(CaseResult::severityOrDefault)).map(RunPage::view).toList();
        List<LoadView> loads = new ArrayList<>();
        for (CaseResult c : result.cases) {
            for (StepResult s : c.steps) {
                if (s.load != null) {
                    loads.add(load(c, s));
                }
            }
        }
        List<ProfileView> compliance = result.compliance == null ? List.of() : result.compliance.profiles.stream()
                .map(p -> new ProfileView(p.profile, p.coverage == null ? "" : String.format(Locale.ROOT, "%.0f%%", p.coverage * 100),
                        p.count(Compliance.Control.PASSED), p.count(Compliance.Control.FAILED), p.count(Compliance.Control.NOT_TESTED)))
                .toList();
        String base = "/dashboard/runs/" + run.namespace() + "/" + run.name() + "/reports/";
        List<Download> downloads = Arrays.stream(ReportFormat.values())
                .map(f -> new Download(f.id, DashboardReports.fileName(f), base + f.id)).toList();
        return new RunPage(run, cases, failures, loads, compliance, downloads);
    }

    private static CaseView view(CaseResult c) {
        List<StepView> steps = c.steps.stream().map(s -> new StepView(s.name, s.type, outcome(s.outcome),
                s.errorKind == null ? "" : s.errorKind.id(), s.durationMs, s.message == null ? "" : s.message,
                String.join("\n", s.log))).toList();
        return new CaseView(c.caseId, c.title == null ? "" : c.title, outcome(c.outcome), c.errorKind == null ? "" : c.errorKind.id(),
                c.severityOrDefault().name().toLowerCase(Locale.ROOT), c.durationMs, c.flaky, c.attempt,
                c.message == null ? "" : c.message, steps);
    }

    private static LoadView load(CaseResult c, StepResult s) {
        LoadResult l = s.load;
        List<Value> latency = l.latencyMs.entrySet().stream()
                .map((Map.Entry<String, Double> e) -> new Value(e.getKey(), e.getValue() == null ? "" : String.format(Locale.ROOT, "%.1f ms", e.getValue())))
                .toList();
        return new LoadView(c.caseId, s.name, l.requests == null ? "" : l.requests.toString(), l.errors == null ? "" : l.errors.toString(),
                l.throughput == null ? "" : String.format(Locale.ROOT, "%.1f/s", l.throughput), latency, new RawString(Charts.latency(l)));
    }

    static String outcome(Outcome o) {
        return o == null ? "errored" : o.name().toLowerCase(Locale.ROOT);
    }
}
