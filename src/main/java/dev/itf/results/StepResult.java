package dev.itf.results;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.ArrayList;
import java.util.List;

/** What one step of a case did. Part of the results protocol and of the canonical JSON report. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class StepResult {
    public String name;
    /** http, graphql, publish, expectMessage, sql, redis, wait, load or security. */
    public String type;
    public Outcome outcome;
    public long durationMs;
    /** Why it failed or errored: the expectation, expected and actual value; null when it passed. */
    public String message;
    /** For a failed or errored step: the failed expectation or why it could not run. */
    public ErrorKind errorKind;
    /** Redacted log lines: the request sent, the response received, what was captured. */
    public List<String> log = new ArrayList<>();
    /** A load step's measurements; null for other steps. */
    public LoadResult load;
    /** A security step's findings, passed and failed; null for other steps. */
    public List<Finding> findings;
}
