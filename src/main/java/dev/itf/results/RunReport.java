package dev.itf.results;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.itf.api.TestRun;

import java.util.List;

/** A run's report as JSON: the run, its summary and the last attempt of every case. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class RunReport {
    public String namespace;
    public String name;
    public String suite;
    public String phase;
    public ResultSummary summary;
    public List<CaseResult> cases;

    public static RunReport of(TestRun run, List<CaseResult> results) {
        RunReport r = new RunReport();
        r.namespace = run.getMetadata().getNamespace();
        r.name = run.getMetadata().getName();
        r.suite = run.getSpec().suiteRef == null ? null : run.getSpec().suiteRef.name;
        r.phase = run.getStatus() == null || run.getStatus().phase == null ? null : run.getStatus().phase.name();
        r.summary = ResultSummary.of(results, Integer.MAX_VALUE);
        r.cases = ResultSummary.lastAttempts(results);
        return r;
    }
}
