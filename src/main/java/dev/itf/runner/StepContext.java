package dev.itf.runner;

import com.fasterxml.jackson.databind.JsonNode;
import dev.itf.api.SecretKeyRef;
import dev.itf.results.ErrorKind;
import dev.itf.runner.expect.Excerpt;
import dev.itf.runner.expect.ExpectationFailure;

import java.time.Duration;
import java.util.List;
import java.util.function.Function;

/** What a step action may use while it runs. One per step execution. */
public interface StepContext {

    /** Renders ${...} templates with the current variables; throws {@link TemplateException} naming an undefined variable. */
    String render(String template);

    /** Renders every string inside a JSON tree. */
    JsonNode render(JsonNode node);

    /** Time left for this step: the smaller of the step's own timeout and what remains of the case's. */
    Duration timeout();

    /** Clients shared by every case of the run (connection pools), closed when the run ends. */
    RunResources resources();

    /** The value of a secret; it is registered with the run's redactor so it never reaches output. */
    String secret(SecretKeyRef ref, String defaultKey);

    /** The step's expectations checked against a response: an empty list when all hold (for steps that poll). */
    List<String> check(StepResponse response);

    /** The step's expectations that did not hold against a response, with their kinds (a load step counts errors by kind). */
    default List<ExpectationFailure> failures(StepResponse response) {
        return check(response).stream().map(m -> new ExpectationFailure(ErrorKind.BODY, m)).toList();
    }

    /**
     * The check of {@link #failures} for many responses (a load step checks every one): the expectations are built
     * once when nothing in them is a template.
     */
    default Function<StepResponse, List<ExpectationFailure>> responseCheck() {
        return this::failures;
    }

    /** A line for the step's log in results and reports; secrets are redacted. */
    void log(String line);

    /** How much of a request or response body a step log keeps. */
    int LOGGED_BODY_CHARS = 2000;

    /**
     * A request or response body for the step's log, cut to {@link #LOGGED_BODY_CHARS}. The engine keeps bodies in the
     * logs of cases that did not pass, and of every case when full logs are asked for: passing cases stay lean.
     */
    default void logBody(String prefix, String body) {
        log(prefix + Excerpt.cut(body, LOGGED_BODY_CHARS));
    }

    /** The run's redactor, for text that is built outside {@link #log}. */
    Redactor redactor();

    /** Where the suite file is: files a step names (a CA certificate, say) are read relative to it. */
    default java.nio.file.Path suiteDirectory() {
        return java.nio.file.Path.of(".");
    }

    /** A security step's findings, kept on the step's result; each call adds to the ones before. */
    default void findings(List<dev.itf.results.Finding> findings) {
    }
}
