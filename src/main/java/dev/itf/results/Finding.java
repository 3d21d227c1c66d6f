package dev.itf.results;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.ArrayList;
import java.util.List;

/** One outcome of a security check (SPEC §7), on {@link StepResult#findings}; reports render them and SARIF lists them. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Finding {
    /** The check: authentication, authorization, transport, headers, cookies, cors, dataExposure, rateLimit. */
    public String check;
    /** A finer rule within the check, e.g. headers.x-content-type-options; the check when null. */
    public String rule;
    /** The request it concerns, e.g. GET /api/v1/orders. */
    public String request;
    public boolean passed;
    /** high, medium or low. */
    public String severity;
    /** The request line, status and offending header or excerpt, secrets redacted. */
    public String evidence;
    /** PROFILE:CONTROL entries it evidences. */
    public List<String> controls = new ArrayList<>();

    /** The rule id SARIF and reports group by. */
    public String ruleId() {
        return rule != null && !rule.isBlank() ? rule : check;
    }
}
