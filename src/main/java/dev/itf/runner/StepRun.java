package dev.itf.runner;

import dev.itf.json.Json;

import com.fasterxml.jackson.databind.JsonNode;
import dev.itf.api.Expect;
import dev.itf.api.SecretKeyRef;
import dev.itf.results.Finding;
import dev.itf.runner.expect.Excerpt;
import dev.itf.runner.expect.ExpectationFailure;
import dev.itf.runner.expect.Expectations;
import dev.itf.runner.template.VariableScope;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** The context of one step execution: its variables, its time budget, its log. */
final class StepRun implements StepContext {

    private final VariableScope scope;
    private final Duration timeout;
    private final Expect expect;
    private final Run run;
    /** Redacted lines, and bodies kept as given until {@link #lines} knows whether the case keeps them. */
    private final List<Object> log = new ArrayList<>();
    private List<Finding> findings;

    private record Body(String prefix, String text) {
    }

    /**
     * What every step of a run shares.
     *
     * @param fullLogs keep request and response bodies in the logs of passing cases too
     */
    record Run(RunResources resources, Redactor redactor, SecretReader secrets, Expectations expectations, boolean fullLogs,
               Path suiteDirectory) {
    }

    StepRun(VariableScope scope, Duration timeout, Expect expect, Run run) {
        this.scope = scope;
        this.timeout = timeout;
        this.expect = expect;
        this.run = run;
    }

    @Override
    public String render(String template) {
        return scope.render(template);
    }

    @Override
    public JsonNode render(JsonNode node) {
        return Json.mapStrings(node, this::render);
    }

    @Override
    public Duration timeout() {
        return timeout;
    }

    @Override
    public RunResources resources() {
        return run.resources();
    }

    @Override
    public String secret(SecretKeyRef ref, String defaultKey) {
        return run.secrets().read(ref, defaultKey);
    }

    @Override
    public List<String> check(StepResponse response) {
        return failures(response).stream().map(ExpectationFailure::message).toList();
    }

    /** The expectations that did not hold, with their kinds. */
    @Override
    public List<ExpectationFailure> failures(StepResponse response) {
        return run.expectations().check(expect, response, this::render, this::render);
    }

    @Override
    public Function<StepResponse, List<ExpectationFailure>> responseCheck() {
        return run.expectations().checker(expect, this::render, this::render);
    }

    @Override
    public synchronized void log(String line) {
        log.add(run.redactor().redact(line));
    }

    @Override
    public synchronized void logBody(String prefix, String body) {
        log.add(new Body(prefix, body));
    }

    @Override
    public Redactor redactor() {
        return run.redactor();
    }

    @Override
    public Path suiteDirectory() {
        return run.suiteDirectory();
    }

    @Override
    public synchronized void findings(List<Finding> more) {
        if (findings == null) {
            findings = new ArrayList<>();
        }
        findings.addAll(more);
    }

    /** The findings a security step reported, or null for other steps. */
    synchronized List<Finding> findings() {
        return findings == null ? null : List.copyOf(findings);
    }

    /** The step's log; with bodies cut to a readable length and redacted, or without them. */
    synchronized List<String> lines(boolean withBodies) {
        List<String> out = new ArrayList<>(log.size());
        for (Object entry : log) {
            if (entry instanceof Body b) {
                if (withBodies) {
                    out.add(run.redactor().redact(b.prefix() + Excerpt.cut(b.text(), LOGGED_BODY_CHARS)));
                }
            } else {
                out.add((String) entry);
            }
        }
        return out;
    }
}
