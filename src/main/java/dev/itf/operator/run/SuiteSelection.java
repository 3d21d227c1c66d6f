package dev.itf.operator.run;

import dev.itf.api.TestCase;
import dev.itf.api.TestRunSpec;

import java.util.List;

/** The cases a run selects: by ids, then tags (any of them), minus excluded tags. */
public final class SuiteSelection {
    private SuiteSelection() {
    }

    public static List<TestCase> select(List<TestCase> cases, TestRunSpec.Selector selector) {
        if (selector == null) {
            return cases;
        }
        return cases.stream()
                .filter(c -> selector.ids.isEmpty() || selector.ids.contains(c.id))
                .filter(c -> selector.tags.isEmpty() || c.tags.stream().anyMatch(selector.tags::contains))
                .filter(c -> c.tags.stream().noneMatch(selector.excludeTags::contains))
                .toList();
    }
}
