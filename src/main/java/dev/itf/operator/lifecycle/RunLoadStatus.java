package dev.itf.operator.lifecycle;

import dev.itf.api.TestRunStatus;
import dev.itf.results.CaseResult;
import dev.itf.results.LoadResult;
import dev.itf.results.ResultSummary;
import dev.itf.results.StepResult;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** status.load of a TestRun: each load step of the last attempts, from results whose shards are already merged. */
public final class RunLoadStatus {
    public static final int MAX_STEPS = 20;

    private RunLoadStatus() {
    }

    /** Null when the run has no load step, so the status carries no empty list. */
    public static List<TestRunStatus.LoadStep> of(List<CaseResult> merged) {
        List<TestRunStatus.LoadStep> out = new ArrayList<>();
        for (CaseResult c : ResultSummary.lastAttempts(merged)) {
            for (StepResult s : c.steps) {
                if (s.load == null || out.size() >= MAX_STEPS) {
                    continue;
                }
                LoadResult l = s.load;
                TestRunStatus.LoadStep e = new TestRunStatus.LoadStep();
                e.caseId = c.caseId;
                e.step = s.name;
                e.requests = l.requests;
                e.throughput = l.throughput == null ? null : String.format(Locale.ROOT, "%.1f/s", l.throughput);
                Double p95 = l.latencyMs.get("p95");
                e.p95 = p95 == null ? null : String.format(Locale.ROOT, "%.3f", p95).replaceAll("\\.?0+$", "") + "ms";
                e.errorRate = l.requests == null || l.requests == 0 ? null
                        : String.format(Locale.ROOT, "%.2f%%", 100.0 * (l.errors == null ? 0 : l.errors) / l.requests);
                e.thresholdsHeld = l.thresholds.isEmpty() ? null : l.thresholds.stream().noneMatch(t -> Boolean.FALSE.equals(t.passed));
                out.add(e);
            }
        }
        return out.isEmpty() ? null : out;
    }
}
