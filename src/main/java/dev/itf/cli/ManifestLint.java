package dev.itf.cli;

import dev.itf.api.Itf;
import dev.itf.api.TestEnvironment;
import dev.itf.api.TestRun;
import dev.itf.api.TestSchedule;
import dev.itf.api.TestSuite;
import dev.itf.manifest.Manifest;
import dev.itf.manifest.ManifestException;
import dev.itf.manifest.Manifests;
import dev.itf.manifest.Position;
import dev.itf.manifest.Typed;
import dev.itf.validation.EnvironmentValidator;
import dev.itf.validation.ObjectLookup;
import dev.itf.validation.Problem;
import dev.itf.validation.Reference;
import dev.itf.validation.ReferenceCheck;
import dev.itf.validation.RunValidator;
import dev.itf.validation.ScheduleValidator;
import dev.itf.validation.SuiteValidator;
import dev.itf.validation.quality.QualityConfig;
import dev.itf.validation.quality.QualityFinding;
import dev.itf.validation.quality.QualityLint;
import io.fabric8.kubernetes.api.model.HasMetadata;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Checks a set of manifest files offline with the operator's validators. ITF resources are checked one by one, then
 * together: a run against its suite, a suite against the environment a TestRun of the set ties it to, otherwise
 * against the environment of its namespace that shares most component names with it. Secrets and ConfigMaps of the set are what references point to; a reference to an object
 * outside the set is not a problem, since such objects are usually created apart from the files.
 * A file without an ITF resource is a problem when nothing of the set has one, or when it is named on its own and
 * holds more than Kubernetes objects: that is a suite with a mistyped apiVersion or kind, or the wrong file.
 */
final class ManifestLint {

    private static final List<String> KINDS = Itf.KINDS;

    /** A problem at a place in a file; {@code path} is empty for problems of the file itself. */
    record Finding(Path file, Position position, String path, String message) {
        @Override
        public String toString() {
            String at = position == null ? file.toString() : file + ":" + position;
            // one problem, one line: a line break quoted from a value is shown as an escape
            return at + ": " + (path.isEmpty() ? "" : path + ": ") + message.replace("\r", "\\r").replace("\n", "\\n");
        }
    }

    /** A quality finding at a place in a file. */
    record QualityLine(Path file, Position position, QualityFinding finding) {
        @Override
        public String toString() {
            String at = position == null ? file.toString() : file + ":" + position;
            return at + ": " + finding.toString().replace("\r", "\\r").replace("\n", "\\n");
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
    private final List<Loaded<TestSchedule>> schedules = new ArrayList<>();
    private final Map<String, Set<String>> objectKeys = new LinkedHashMap<>();
    private final Map<String, Manifest> seen = new LinkedHashMap<>();
    private final Set<Path> readOrder = new LinkedHashSet<>();
    private final Map<Path, List<Manifest>> documents = new LinkedHashMap<>();
    private final Set<Path> named = new HashSet<>();
    private final Set<Path> withItf = new HashSet<>();
    private final List<Manifest> localEnvironments = new ArrayList<>();
    private int files;

    int files() {
        return files;
    }

    int resources() {
        return suites.size() + environments.size() + runs.size() + schedules.size();
    }

    /** Reads every .yaml and .yml file of the paths (directories recursively) and returns the problems, in file order. */
    List<Finding> lint(List<Path> paths) {
        List<Manifest> manifests = new ArrayList<>();
        for (Path path : paths) {
            boolean directory = Files.isDirectory(path);
            for (Path file : yamlFiles(path)) {
                files++;
                readOrder.add(file);
                if (!directory) {
                    named.add(file);
                }
                try {
                    List<Manifest> read = Manifests.read(file);
                    documents.put(file, read);
                    manifests.addAll(read);
                } catch (ManifestException e) {
                    findings.add(new Finding(e.file(), e.position(), "", e.reason()));
                }
            }
        }
        manifests.forEach(this::load);
        documents.forEach(this::withoutItfResource);
        for (Loaded<TestSuite> s : suites) {
            report(s.manifest(), SuiteValidator.validate(s.resource()));
            if (s.resource().getSpec() != null) {
                references(s.manifest(), s.resource(), SuiteValidator.references(s.resource().getSpec()));
            }
        }
        for (Loaded<TestEnvironment> e : environments) {
            report(e.manifest(), EnvironmentValidator.validate(e.resource()));
            if (e.resource().getSpec() != null) {
                references(e.manifest(), e.resource(), EnvironmentValidator.references(e.resource().getSpec()));
            }
        }
        for (Loaded<TestRun> r : runs) {
            report(r.manifest(), RunValidator.validate(r.resource()));
        }
        for (Loaded<TestSchedule> s : schedules) {
            report(s.manifest(), ScheduleValidator.validate(s.resource()));
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

    /**
     * The quality findings of the resources read by {@link #lint}: every rule with {@code all}, otherwise only the
     * rules plain lint reports too. In file order, top to bottom.
     */
    List<QualityLine> quality(QualityConfig config, boolean all) {
        List<QualityLine> lines = new ArrayList<>();
        for (Loaded<TestSuite> s : suites) {
            qualityLines(lines, s.manifest(), QualityLint.suite(s.resource(), config), all);
        }
        for (Loaded<TestEnvironment> e : environments) {
            qualityLines(lines, e.manifest(), QualityLint.environment(e.resource(), config), all);
        }
        for (Manifest m : localEnvironments) {
            m.node().path("components").fields().forEachRemaining(c -> qualityLines(lines, m,
                    QualityLint.componentUri("components." + c.getKey() + ".uri", c.getValue().path("uri").asText(null), config), all));
        }
        List<Path> fileOrder = new ArrayList<>(readOrder);
        return lines.stream()
                .sorted(Comparator.<QualityLine>comparingInt(f -> fileOrder.indexOf(f.file()))
                        .thenComparingInt(f -> f.position() == null ? 0 : f.position().line())
                        .thenComparingInt(f -> f.position() == null ? 0 : f.position().column()))
                .toList();
    }

    private static void qualityLines(List<QualityLine> into, Manifest m, List<QualityFinding> findings, boolean all) {
        for (QualityFinding f : all ? findings : QualityLint.alwaysOn(findings)) {
            into.add(new QualityLine(m.file(), m.positionOf(f.path()), f));
        }
    }

    private void load(Manifest m) {
        if (EnvironmentFile.isOne(m)) {
            withItf.add(m.file());
            localEnvironments.add(m);
            report(m, m.as(EnvironmentFile.class).problems());
            return;
        }
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
        withItf.add(m.file());
        // a known kind is checked whole even under a wrong apiVersion: the user sees every problem at once
        m.apiVersionProblem().ifPresent(p -> report(m, List.of(p)));
        if (m.kind() == null || !KINDS.contains(m.kind())) {
            report(m, List.of(new Problem("kind", (m.kind() == null ? "is required" : "unknown kind \"" + m.kind() + "\"")
                    + "; " + Itf.API_VERSION + " has " + String.join(", ", KINDS))));
            return;
        }
        switch (m.kind()) {
            case "TestSuite" -> typed(m, TestSuite.class, suites);
            case "TestEnvironment" -> typed(m, TestEnvironment.class, environments);
            case "TestSchedule" -> typed(m, TestSchedule.class, schedules);
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

    /** A file that holds no ITF resource (nor a local environment for itf run), when that is a mistake. */
    private void withoutItfResource(Path file, List<Manifest> manifests) {
        if (withItf.contains(file)) {
            return;
        }
        boolean kubernetesObjects = !manifests.isEmpty() && manifests.stream().allMatch(m -> m.apiVersion() != null && m.kind() != null);
        if (!withItf.isEmpty() && (kubernetesObjects || !named.contains(file))) {
            return;
        }
        String expected = "ITF resources have apiVersion " + Itf.API_VERSION + " and kind " + String.join(", ", KINDS)
                + " (a local environment for itf run has only variables and components)";
        if (manifests.isEmpty()) {
            findings.add(new Finding(file, new Position(1, 1), "", "no ITF resource: the file holds no YAML document; " + expected));
            return;
        }
        Manifest first = manifests.get(0);
        String found = manifests.stream().map(m -> m.kind() == null ? "a document without kind" : m.kind()).distinct()
                .collect(java.util.stream.Collectors.joining(", "));
        findings.add(new Finding(file, first.positionOf("apiVersion"), "apiVersion",
                "no ITF resource in the file (found " + found + "); " + expected));
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
            if (!tied.contains(s.key()) && s.resource().getSpec() != null) {
                closestEnvironment(s).ifPresent(env -> report(s.manifest(), SuiteValidator.validateAgainst(s.resource(), env.resource())));
            }
        }
    }

    /**
     * For a suite no TestRun of the set ties to an environment: the environment of its namespace that defines most of
     * the components it names, if any defines one. A suite that shares no component name with an environment is
     * meant for another one (or for a local run), so it is not checked against it.
     */
    private Optional<Loaded<TestEnvironment>> closestEnvironment(Loaded<TestSuite> suite) {
        Set<String> named = new HashSet<>();
        SuiteValidator.componentUses(suite.resource().getSpec()).forEach(u -> named.add(u.component()));
        String ns = suite.resource().getMetadata().getNamespace();
        return environments.stream()
                .filter(e -> Objects.equals(e.resource().getMetadata().getNamespace(), ns) && e.resource().getSpec() != null)
                .map(e -> Map.entry(e, e.resource().getSpec().components.stream().filter(c -> c != null && named.contains(c.name)).count()))
                .filter(e -> e.getValue() > 0)
                .max(Comparator.comparingLong(Map.Entry::getValue))
                .map(Map.Entry::getKey);
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
