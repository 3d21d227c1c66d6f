package dev.itf.validation.quality;

import java.util.Locale;
import java.util.Optional;

/**
 * The quality rules of {@code itf lint --quality}: a stable id, a name, a group, a default severity and the fix.
 * Ids never change meaning; a retired rule's id is not reused. docs/lint.md shows each with an example.
 */
public enum QualityRule {
    SUITE_DESCRIPTION("ITF101", "suite-description", Group.COMPLETENESS, Severity.WARNING,
            "add spec.description: what the suite tests, in a sentence"),
    CASE_DESCRIPTION("ITF102", "case-description", Group.COMPLETENESS, Severity.WARNING,
            "add description: what the case checks and why"),
    CASE_EXPECTED_RESULTS("ITF103", "case-expected-results", Group.COMPLETENESS, Severity.INFO,
            "add expectedResults: the results the case expects, one sentence each"),
    STEP_WITHOUT_EXPECTATION("ITF104", "step-without-expectation", Group.COMPLETENESS, Severity.WARNING,
            "add expect: (status, jsonPath, rows, body, ...) so the step checks something"),
    TITLE_TOO_SHORT("ITF201", "title-too-short", Group.CLARITY, Severity.WARNING,
            "write a title of at least 3 words that says what the case checks"),
    TITLE_TOO_LONG("ITF202", "title-too-long", Group.CLARITY, Severity.WARNING,
            "keep the title under 120 characters; move the details to description"),
    DUPLICATE_TITLE("ITF203", "duplicate-title", Group.CLARITY, Severity.WARNING,
            "give each case a title of its own that says how it differs"),
    PLACEHOLDER_TEXT("ITF204", "placeholder-text", Group.CLARITY, Severity.WARNING,
            "replace the TODO/TBD/FIXME with the real text, or remove it"),
    IMAGE_NOT_PINNED("ITF301", "image-not-pinned", Group.REPRODUCIBILITY, Severity.WARNING,
            "pin the image to a version tag or digest (image: NAME:1.4.2 or NAME@sha256:...)"),
    FIXED_WAIT("ITF302", "fixed-wait", Group.REPRODUCIBILITY, Severity.WARNING,
            "remove the wait and give the next step within: (it polls until its expectations hold)"),
    HARD_CODED_HOST("ITF303", "hard-coded-host", Group.REPRODUCIBILITY, Severity.WARNING,
            "use a variable (${baseUrl} in spec.variables, or ${components.NAME.url} / component:) instead of a fixed host"),
    RANDOM_NOT_CAPTURED("ITF304", "random-not-captured", Group.REPRODUCIBILITY, Severity.INFO,
            "capture the generated value from the response (capture: {name: $.field}) so later steps and the report show it"),
    AMQP_EMPTY_VHOST("ITF305", "amqp-empty-vhost", Group.REPRODUCIBILITY, Severity.WARNING,
            "drop the trailing / (amqp://host:5672) or name the default vhost (amqp://host:5672/%2F)");

    /** How rules are grouped in docs/lint.md and in the output. */
    public enum Group {
        COMPLETENESS, CLARITY, REPRODUCIBILITY;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** A finding's weight; OFF switches a rule off in .itf-lint.yaml. */
    public enum Severity {
        OFF, INFO, WARNING, ERROR;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Optional<Severity> parse(String text) {
            for (Severity s : values()) {
                if (s.label().equals(text)) {
                    return Optional.of(s);
                }
            }
            return Optional.empty();
        }
    }

    public final String id;
    public final String ruleName;
    public final Group group;
    public final Severity severity;
    public final String fix;

    QualityRule(String id, String ruleName, Group group, Severity severity, String fix) {
        this.id = id;
        this.ruleName = ruleName;
        this.group = group;
        this.severity = severity;
        this.fix = fix;
    }

    /** The rule with this id (ITF102) or name (case-description). */
    public static Optional<QualityRule> find(String idOrName) {
        for (QualityRule r : values()) {
            if (r.id.equals(idOrName) || r.ruleName.equals(idOrName)) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }
}
