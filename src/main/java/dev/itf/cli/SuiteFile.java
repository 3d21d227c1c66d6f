package dev.itf.cli;

import dev.itf.api.TestSuite;
import dev.itf.manifest.Manifest;
import dev.itf.manifest.ManifestException;
import dev.itf.manifest.Manifests;
import dev.itf.manifest.Typed;
import dev.itf.validation.Problem;
import dev.itf.validation.SuiteValidator;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Loads the TestSuite of {@code itf run SUITE.yaml}: parsed with positions and validated, or every problem at file:line:column. */
final class SuiteFile {

    private SuiteFile() {
    }

    static TestSuite load(Path file) throws InputException {
        List<Manifest> documents = documents(file);
        Manifest manifest = documents.stream().filter(m -> "TestSuite".equals(m.kind())).findFirst()
                .orElseThrow(() -> new InputException(file + ": no TestSuite in the file (apiVersion: itf.dev/v1alpha1, kind: TestSuite)"));
        Typed<TestSuite> typed = manifest.as(TestSuite.class);
        List<Problem> problems = new ArrayList<>();
        manifest.apiVersionProblem().ifPresent(problems::add);
        problems.addAll(typed.problems());
        if (typed.resource() != null) {
            problems.addAll(SuiteValidator.validate(typed.resource()));
        }
        if (!problems.isEmpty()) {
            throw new InputException(problems.stream().map(manifest::format).toList());
        }
        return typed.resource();
    }

    /** Every document of a YAML file, with the positions of its fields. */
    static List<Manifest> documents(Path file) throws InputException {
        if (!Files.isRegularFile(file)) {
            throw new InputException(file + ": no such file");
        }
        try {
            return Manifests.read(file);
        } catch (ManifestException e) {
            throw new InputException(e.getMessage());
        }
    }
}
