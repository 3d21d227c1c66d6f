package dev.itf.results;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.ArrayList;
import java.util.List;

/**
 * The result of one case: what the runner sends to the operator's results endpoint and what reports are built from.
 * (run, caseId, attempt) identifies it; the last attempt is the case's result.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class CaseResult {
    public String caseId;
    public String title;
    public List<String> tags = new ArrayList<>();
    /** 1 for the first try, 2 for the first retry, ... */
    public int attempt = 1;
    public Outcome outcome;
    /** Passed only on a retry. */
    public boolean flaky;
    public long durationMs;
    /** Start of the case, RFC 3339. */
    public String startedAt;
    /** Why the case failed or errored (the first failing step's message). */
    public String message;
    /** The shard that ran the case (0 outside a cluster). */
    public int shard;
    public List<StepResult> steps = new ArrayList<>();
}
