package dev.itf.cli;

import dev.itf.api.Step;
import dev.itf.api.TestCase;
import dev.itf.api.TestSuite;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Loads a TestSuite manifest for {@code itf run} and checks what the runner cannot do without. */
final class SuiteFile {

    private SuiteFile() {
    }

    static TestSuite load(Path file) throws InputException {
        TestSuite suite = YamlFile.read(file, TestSuite.class);
        List<String> problems = new ArrayList<>();
        if (!"TestSuite".equals(suite.getKind())) {
            problems.add(file + ": kind: expected TestSuite, found " + suite.getKind());
        }
        if (suite.getSpec() == null) {
            problems.add(file + ": spec: required");
            throw new InputException(problems);
        }
        if (suite.getSpec().cases == null || suite.getSpec().cases.isEmpty()) {
            problems.add(file + ": spec.cases: at least one case is required");
        } else {
            Set<String> ids = new HashSet<>();
            for (int i = 0; i < suite.getSpec().cases.size(); i++) {
                TestCase c = suite.getSpec().cases.get(i);
                String at = file + ": spec.cases[" + i + "]";
                if (c.id == null || c.id.isBlank()) {
                    problems.add(at + ".id: required");
                } else if (!ids.add(c.id)) {
                    problems.add(at + ".id: duplicate id " + c.id + ": case ids must be unique");
                }
                if (c.title == null || c.title.isBlank()) {
                    problems.add(at + ".title: required");
                }
                if (c.steps == null || c.steps.isEmpty()) {
                    problems.add(at + ".steps: at least one step is required");
                    continue;
                }
                for (int s = 0; s < c.steps.size(); s++) {
                    Step step = c.steps.get(s);
                    if (step.action() == null) {
                        problems.add(at + ".steps[" + s + "]: set exactly one of " + String.join(", ", Step.ACTIONS)
                                + (step.actions().isEmpty() ? "" : " (found " + String.join(", ", step.actions()) + ")"));
                    }
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new InputException(problems);
        }
        return suite;
    }
}
