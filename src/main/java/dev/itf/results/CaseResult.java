package dev.itf.results;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.itf.api.CaseLink;
import dev.itf.api.Severity;
import dev.itf.api.TestCase;

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
    /** From the suite; null means medium. */
    public Severity severity;
    public String owner;
    public List<CaseLink> links;
    /** PROFILE:CONTROL entries the case evidences, from the suite. */
    public List<String> controls;
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
    /** For failed and errored cases: the failed expectation or why the step could not run (the first failing step's). */
    public ErrorKind errorKind;
    /** The shard that ran the case (0 outside a cluster). */
    public int shard;
    public List<StepResult> steps = new ArrayList<>();
    /** The attempts before this one (retries, or earlier runs merged by itf report), oldest first; null when none. */
    public List<Attempt> earlierAttempts;

    /** A result for a case with what the suite says about it (id, title, tags, severity, owner, links, controls). */
    public static CaseResult of(TestCase c) {
        CaseResult r = new CaseResult();
        r.caseId = c.id;
        r.title = c.title;
        r.tags = new ArrayList<>(c.tags);
        r.severity = c.severity;
        r.owner = c.owner;
        r.links = c.links == null || c.links.isEmpty() ? null : new ArrayList<>(c.links);
        r.controls = c.controls == null || c.controls.isEmpty() ? null : new ArrayList<>(c.controls);
        return r;
    }

    /** The severity, medium when the suite gives none. */
    public Severity severityOrDefault() {
        return severity == null ? Severity.MEDIUM : severity;
    }
}
