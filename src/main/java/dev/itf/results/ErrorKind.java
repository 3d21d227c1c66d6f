package dev.itf.results;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Arrays;

/**
 * Why a case or step did not pass: the expectation that failed (a failed outcome) or why the step could not run
 * (an errored outcome). Reports group failures by it; the operator counts it in itf_testcase_errors_total.
 */
public enum ErrorKind {
    STATUS("status", true),
    HEADERS("headers", true),
    FORMAT("format", true),
    SCHEMA("schema", true),
    JSON_PATH("jsonPath", true),
    BODY("body", true),
    MAX_DURATION("maxDuration", true),
    GRAPHQL("graphql", true),
    ROWS("rows", true),
    MESSAGE("message", true),
    THRESHOLD("threshold", true),
    SECURITY("security", true),
    OPENAPI("openapi", true),
    CONNECTION("connection", false),
    TIMEOUT("timeout", false),
    TLS("tls", false),
    DNS("dns", false),
    AUTH("auth", false),
    TEMPLATE("template", false),
    PROTOCOL("protocol", false);

    private final String id;
    private final boolean expectation;

    ErrorKind(String id, boolean expectation) {
        this.id = id;
        this.expectation = expectation;
    }

    /** The name in results, reports and metric labels, e.g. jsonPath. */
    @JsonValue
    public String id() {
        return id;
    }

    /** True for a failed expectation, false for a step that could not run. */
    public boolean expectation() {
        return expectation;
    }

    @JsonCreator
    public static ErrorKind of(String id) {
        return Arrays.stream(values()).filter(k -> k.id.equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown error kind \"" + id + "\""));
    }

    @Override
    public String toString() {
        return id;
    }
}
