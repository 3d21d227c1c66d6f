package dev.itf.operator;

import dev.itf.api.TestSuite;
import dev.itf.validation.quality.QualityConfig;
import dev.itf.validation.quality.QualityFinding;
import dev.itf.validation.quality.QualityLint;
import dev.itf.validation.quality.QualityRule;
import io.fabric8.kubernetes.api.model.Condition;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The TestSuite's {@code Quality} condition: the findings of the quality rules (default severities), True when none
 * is a warning or an error. It informs only; runs never wait for it.
 */
final class SuiteQuality {

    static final String TYPE = "Quality";
    private static final int SHOWN = 5;

    private SuiteQuality() {
    }

    static Condition condition(StatusConditions conditions, TestSuite suite, Long generation) {
        List<QualityFinding> findings = QualityLint.suite(suite, QualityConfig.defaults());
        List<QualityFinding> serious = findings.stream().filter(f -> f.severity() != QualityRule.Severity.INFO).toList();
        if (serious.isEmpty()) {
            return conditions.condition(TYPE, StatusConditions.TRUE, "NoFindings",
                    findings.isEmpty() ? "no quality finding" : findings.size() + " info finding" + (findings.size() == 1 ? "" : "s")
                            + " (itf lint --quality lists them)", generation);
        }
        String shown = serious.stream().limit(SHOWN).map(QualityFinding::toString).collect(Collectors.joining("; "));
        String more = serious.size() > SHOWN ? "; and " + (serious.size() - SHOWN) + " more (itf lint --quality lists them)" : "";
        return conditions.condition(TYPE, StatusConditions.FALSE, "QualityFindings",
                serious.size() + " quality finding" + (serious.size() == 1 ? "" : "s") + ": " + shown + more, generation);
    }
}
