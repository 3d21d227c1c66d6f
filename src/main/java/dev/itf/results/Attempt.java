package dev.itf.results;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.ArrayList;
import java.util.List;

/** An earlier attempt of a case that was tried again: kept so reports show retries and flaky cases. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Attempt {
    public int attempt;
    public Outcome outcome;
    public ErrorKind errorKind;
    public String message;
    /** RFC 3339. */
    public String startedAt;
    public long durationMs;
    public List<StepResult> steps = new ArrayList<>();

    /** The attempt part of a case result. */
    public static Attempt of(CaseResult r) {
        Attempt a = new Attempt();
        a.attempt = r.attempt;
        a.outcome = r.outcome;
        a.errorKind = r.errorKind;
        a.message = r.message;
        a.startedAt = r.startedAt;
        a.durationMs = r.durationMs;
        a.steps = r.steps;
        return a;
    }
}
