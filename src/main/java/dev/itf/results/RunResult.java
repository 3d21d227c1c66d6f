package dev.itf.results;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.itf.api.TestRunStatus;
import dev.itf.results.CaseResult;
import dev.itf.results.Outcome;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One run of a suite (one shard of it): what the canonical JSON report holds. Documented in docs/results-json.md. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"suite", "description", "startedAt", "finishedAt", "durationMs", "shard", "shards", "variables", "summary", "compliance", "cases"})
public class RunResult {
    public String suite;
    public String description;
    /** RFC 3339, UTC. */
    public String startedAt;
    public String finishedAt;
    public long durationMs;
    public int shard;
    public int shards = 1;
    /** Suite variables overlaid by run variables, as given (templates unrendered), secret values masked. */
    public Map<String, String> variables = new LinkedHashMap<>();
    public TestRunStatus.Summary summary = new TestRunStatus.Summary();
    /** When the suite selects compliance profiles: each profile's controls and their status. */
    public Compliance compliance;
    /** In the suite's order. */
    public List<CaseResult> cases = new ArrayList<>();

    /** Counts of the cases' outcomes; flaky cases count as passed and as flaky. */
    public static TestRunStatus.Summary summarize(List<CaseResult> cases) {
        TestRunStatus.Summary s = new TestRunStatus.Summary();
        for (CaseResult c : cases) {
            s.total++;
            switch (c.outcome) {
                case PASSED -> s.passed++;
                case FAILED -> s.failed++;
                case ERRORED -> s.errored++;
                case SKIPPED -> s.skipped++;
            }
            if (c.flaky) {
                s.flaky++;
            }
        }
        return s;
    }

    /** True when every case passed (or was skipped). */
    public boolean succeeded() {
        return cases.stream().noneMatch(c -> c.outcome == Outcome.FAILED || c.outcome == Outcome.ERRORED);
    }
}
