package dev.itf.runner.security;

import dev.itf.results.ComplianceProfiles;
import dev.itf.results.Finding;
import dev.itf.runner.Redactor;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** The findings of one security step, redacted as they are made, each with the controls its check evidences. */
final class Findings {

    static final String HIGH = "high";
    static final String MEDIUM = "medium";
    static final String LOW = "low";
    /** Evidence is a line, not a response: longer text is cut. */
    private static final int MAX_EVIDENCE = 300;

    private final Redactor redactor;
    private final List<Finding> all = new ArrayList<>();

    Findings(Redactor redactor) {
        this.redactor = redactor;
    }

    void add(String check, String rule, Object request, boolean passed, String severity, String evidence) {
        Finding f = new Finding();
        f.check = check;
        f.rule = rule;
        f.request = request == null ? null : redactor.redact(request.toString());
        f.passed = passed;
        f.severity = severity;
        String e = evidence == null ? null : redactor.redact(evidence);
        f.evidence = e != null && e.length() > MAX_EVIDENCE ? e.substring(0, MAX_EVIDENCE) + "…" : e;
        f.controls = new ArrayList<>(ComplianceProfiles.controlsOf(check));
        all.add(f);
    }

    List<Finding> all() {
        return all;
    }

    List<Finding> failed() {
        return all.stream().filter(f -> !f.passed).toList();
    }

    /** The step's failure message: one line per failed finding. */
    String failureMessage() {
        List<Finding> failed = failed();
        return failed.size() + " of " + all.size() + " security findings failed:\n" + failed.stream()
                .map(f -> "  [" + f.severity + "] " + f.ruleId() + (f.request == null ? "" : " " + f.request) + ": " + f.evidence)
                .collect(Collectors.joining("\n"));
    }
}
