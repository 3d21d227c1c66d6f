package dev.itf.validation.quality;

/**
 * One quality finding: the rule, the severity it has after .itf-lint.yaml, the field path
 * ({@code spec.cases[2].title}) and what is wrong. The fix is the rule's.
 */
public record QualityFinding(QualityRule rule, QualityRule.Severity severity, String path, String message) {

    /** {@code warning ITF102 case-description: MESSAGE; fix: FIX}, without the path. */
    public String describe() {
        return severity.label() + " " + rule.id + " " + rule.ruleName + ": " + message + "; fix: " + rule.fix;
    }

    @Override
    public String toString() {
        return path + ": " + describe();
    }
}
