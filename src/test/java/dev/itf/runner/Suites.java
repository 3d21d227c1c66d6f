package dev.itf.runner;

import dev.itf.json.Json;
import dev.itf.results.RunResult;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.itf.api.TestSuite;
import dev.itf.results.CaseResult;

import java.util.Map;

/** Builds suites from YAML text and runs them, for engine tests. */
public final class Suites {

    private static final ObjectMapper YAML = Json.YAML;

    private Suites() {
    }

    public static TestSuite parse(String yaml) {
        try {
            return YAML.readValue("apiVersion: itf.dev/v1alpha1\nkind: TestSuite\nmetadata: {name: test-suite}\n" + yaml, TestSuite.class);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** Runs the suite with the given run variables. */
    public static RunResult run(String yaml, Map<String, String> variables) {
        RunOptions o = new RunOptions();
        o.variables.putAll(variables);
        return new SuiteRunner(parse(yaml), o).run();
    }

    public static RunResult run(String yaml, RunOptions options) {
        return new SuiteRunner(parse(yaml), options).run();
    }

    /** The only case of a run. */
    public static CaseResult only(RunResult r) {
        if (r.cases.size() != 1) {
            throw new AssertionError("expected one case, got " + r.cases.size());
        }
        return r.cases.get(0);
    }
}
