package dev.itf.results;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.ArrayList;
import java.util.List;

/** What one step of a case did. Part of the results protocol and of the canonical JSON report. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class StepResult {
    public String name;
    /** http, graphql, publish, expectMessage, sql, redis or wait. */
    public String type;
    public Outcome outcome;
    public long durationMs;
    /** Why it failed or errored: the expectation, expected and actual value; null when it passed. */
    public String message;
    /** Redacted log lines: the request sent, the response received, what was captured. */
    public List<String> log = new ArrayList<>();
}
