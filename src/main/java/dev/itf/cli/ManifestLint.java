package dev.itf.cli;

import dev.itf.api.Itf;
import dev.itf.api.TestEnvironment;
import dev.itf.api.TestRun;
import dev.itf.api.TestSuite;
import dev.itf.manifest.Manifest;
import dev.itf.manifest.ManifestException;
import dev.itf.manifest.Manifests;
import dev.itf.manifest.Position;
import dev.itf.manifest.Typed;
import dev.itf.validation.ComponentUse;
import dev.itf.validation.EnvironmentValidator;
import dev.itf.validation.ObjectLookup;
import dev.itf.validation.Problem;
import dev.itf.validation.Reference;
import dev.itf.validation.ReferenceCheck;
import dev.itf.validation.RunValidator;
import dev.itf.validation.SuiteValidator;
import io.fabric8.kubernetes.api.model.HasMetadata;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Checks a set of manifest files offline with the operator's validators. ITF resources are checked one by one, then
 * together: a suite against the environment a TestRun of the set ties it to, otherwise against the environments of its
 * namespace in the set. Secrets and ConfigMaps of the set are what references point to; a reference to an object
 * outside the set is not a problem, since such objects are usually created apart from the files.
 */
final class ManifestLint {

    private static final List<String> KINDS = List.of("TestSuite", "TestEnvironment", "TestRun");

    /** A problem at a place in a file; {@code path} is empty for problems of the file itself. */
    record Finding(Path file, Position position, String path, String message) {
        @Override
        public String toString() {
            String at = position == null ? file.toString() : file + ":" + position;
            return at + ": " + (path.isEmpty() ? "" : path + ": ") + message;
        }
    }

    private record Loaded<T extends HasMetadata>(Manifest manifest, T resource) {
        String key() {
            return key(resource.getMetadata().getNamespace(), resource.getMetadata().getName());
        }

        static String key(String namespace, String name) {
            return Objects.requireNonNullElse(namespace, "") + "/" + name;
        }
    }

    private final List<Finding> findings = new ArrayList<>();
    private final Set<String> reported = new LinkedHashSet<>();
    private final List<Loaded<TestSuite>> suites = new ArrayList<>();
    private final List<Loaded<TestEnvironment>> environments = new ArrayList<>();
    private final List<Loaded<TestRun>> runs = new ArrayList<>();
    private final Map<String, Set<String>> objectKeys = new LinkedHashMap<>();
    private final Map<String, Manifest> seen = new LinkedHashMap<>();
    private final Set<Path> readOrder = new LinkedHashSet<>();
    private int files;

    int files() {
        return files;
    }

    int resources() {
        return suites.size() + environments.size() + runs.size();
    }

    /** Reads every .yaml and .yml file of the paths (directories recursively) and returns the problems, in file order. */
    List<Finding> lint(List<Path> paths) {
        List<Manifest> manifests = new ArrayList<>();
        for (Path path : paths) {
            for (Path file : yamlFiles(path)) {
                files++;
                readOrder.add(file);
                try {
                    manifests.addAll(Manifests.read(file));
                } catch (ManifestException e) {
                    findings.add(new Finding(e.file(), e.position(), "", e.reason()));
                }
            }
        }
        manifests.forEach(this::load);
        for (Loaded<TestSuite> s : suites) {
            report(s.manifest(), SuiteValidator.validate(s.resource()));
            references(s.manifest(), s.resource(), SuiteValidator.references(s.resource().getSpec()));
        }
        for (Loaded<TestEnvironment> e : environments) {
            report(e.manifest(), EnvironmentValidator.validate(e.resource()));
            references(e.manifest(), e.resource(), EnvironmentValidator.references(e.resource().getSpec()));
        }
        for (Loaded<TestRun> r : runs) {
            report(r.manifest(), RunValidator.validate(r.resource()));
        }
        acrossResources();
        // in the order of the files, then top to bottom, as an editor lists them
        List<Path> fileOrder = new ArrayList<>(readOrder);
        return findings.stream()
                .sorted(Comparator.<Finding>comparingInt(f -> fileOrder.indexOf(f.file()))
                        .thenComparingInt(f -> f.position() == null ? 0 : f.position().line())
                        .thenComparingInt(f -> f.position() == null ? 0 : f.position().column()))
                .toList();
    }

    private void load(Manifest m) {
        if (!m.isItf()) {
            // Secrets and ConfigMaps are what references point to; any other kind is not ITF's to check
            if ("v1".equals(m.apiVersion()) && ("Secret".equals(m.kind()) || "ConfigMap".equals(m.kind())) && m.name() != null) {
                Set<String> keys = new TreeSet<>();
                for (String field : List.of("data", "stringData", "binaryData")) {
                    m.node().path(field).fieldNames().forEachRemaining(keys::add);
                }
                objectKeys.put(m.kind() + "/" + Loaded.key(m.namespace(), m.name()), keys);
            }
            return;
        }
        if (!Itf.API_VERSION.equals(m.apiVersion())) {
            report(m, List.of(new Problem("apiVersion", "\"" + m.apiVersion() + "\" is not served; use " + Itf.API_VERSION)));
            return;
        }
        if (!KINDS.contains(m.kind())) {
            report(m, List.of(new Problem("kind", (m.kind() == null ? "is required" : "unknown kind \"" + m.kind() + "\"")
                    + "; " + Itf.API_VERSION + " has " + String.join(", ", KINDS))));
            return;
        }
        switch (m.kind()) {
            case "TestSuite" -> typed(m, TestSuite.class, suites);
            case "TestEnvironment" -> typed(m, TestEnvironment.class, environments);
            default -> typed(m, TestRun.class, runs);
        }
    }

    private <T extends HasMetadata> void typed(Manifest m, Class<T> type, List<Loaded<T>> into) {
        Typed<T> typed = m.as(type);
        report(m, typed.problems());
        T resource = typed.resource();
        if (resource == null || resource.getMetadata() == null) {
            if (resource != null) {
                report(m, List.of(new Problem("metadata", "is required")));
            }
            return;
        }
        Loaded<T> loaded = new Loaded<>(m, resource);
        if (resource.getMetadata().getName() != null) {
            Manifest first = seen.putIfAbsent(m.kind() + "/" + loaded.key(), m);
            if (first != null) {
                report(m, List.of(new Problem("metadata.name", m.kind() + " \"" + m.name() + "\" is also defined at "
                        + first.file() + ":" + first.positionOf("metadata.name"))));
                return;
            }
        }
        if (resource.getMetadata().getName() != null || resource.getMetadata().getGenerateName() != null) {
            into.add(loaded);
        } else {
            report(m, List.of(new Problem("metadata.name", "is required")));
        }
    }

    private void references(Manifest m, HasMetadata resource, List<Reference> references) {
        String namespace = resource.getMetadata().getNamespace();
        ObjectLookup inSet = (kind, name) -> objectKeys.get(kind + "/" + Loaded.key(namespace, name));
        report(m, ReferenceCheck.check(references, inSet, namespace, false));
    }

    /** Runs against their suites, suites against their environments. */
    private void acrossResources() {
        Map<String, Loaded<TestSuite>> suitesByKey = new LinkedHashMap<>();
        suites.forEach(s -> suitesByKey.put(s.key(), s));
        Map<String, Loaded<TestEnvironment>> envsByKey = new LinkedHashMap<>();
        environments.forEach(e -> envsByKey.put(e.key(), e));
        Set<String> tied = new LinkedHashSet<>();
        for (Loaded<TestRun> r : runs) {
            var spec = r.resource().getSpec();
            if (spec == null || spec.suiteRef == null) {
                continue;
            }
            String ns = r.resource().getMetadata().getNamespace();
            Loaded<TestSuite> suite = suitesByKey.get(Loaded.key(ns, spec.suiteRef.name));
            if (suite != null) {
                report(r.manifest(), RunValidator.validateAgainst(r.resource(), suite.resource()));
            }
            Loaded<TestEnvironment> env = spec.environmentRef == null ? null : envsByKey.get(Loaded.key(ns, spec.environmentRef.name));
            if (suite != null && env != null) {
                tied.add(suite.key());
                report(suite.manifest(), SuiteValidator.validateAgainst(suite.resource(), env.resource()));
            }
        }
        for (Loaded<TestSuite> s : suites) {
            if (tied.contains(s.key()) || s.resource().getSpec() == null) {
                continue;
            }
            String ns = s.resource().getMetadata().getNamespace();
            List<Loaded<TestEnvironment>> candidates = environments.stream()
                    .filter(e -> Objects.equals(e.resource().getMetadata().getNamespace(), ns)).toList();
            if (candidates.isEmpty()) {
                continue;
            }
            for (ComponentUse use : SuiteValidator.componentUses(s.resource().getSpec())) {
                boolean defined = candidates.stream().anyMatch(e -> e.resource().getSpec() != null
                        && e.resource().getSpec().components.stream().anyMatch(c -> c != null && use.component().equals(c.name)));
                if (!defined) {
                    report(s.manifest(), List.of(new Problem(use.path(),
                            "component \"" + use.component() + "\" is not defined in any TestEnvironment of the linted files")));
                }
            }
        }
    }

    private void report(Manifest m, List<Problem> problems) {
        for (Problem p : problems) {
            Finding f = new Finding(m.file(), m.positionOf(p.path()), p.path(), p.message());
            if (reported.add(m.format(p))) {
                findings.add(f);
            }
        }
    }

    private List<Path> yamlFiles(Path path) {
        if (!Files.exists(path)) {
            findings.add(new Finding(path, null, "", "no such file or directory"));
            return List.of();
        }
        if (!Files.isDirectory(path)) {
            return List.of(path);
        }
        try (Stream<Path> walk = Files.walk(path)) {
            return walk.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().endsWith(".yaml") || p.getFileName().toString().endsWith(".yml"))
                    .filter(p -> !hidden(path.relativize(p)))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            findings.add(new Finding(path, null, "", "cannot read the directory: " + e.getMessage()));
            return List.of();
        }
    }

    private static boolean hidden(Path relative) {
        for (Path part : relative) {
            if (part.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }
}
