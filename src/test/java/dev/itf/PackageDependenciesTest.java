package dev.itf;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The package arrows, read from the sources (imports, fully qualified names and Javadoc links alike):
 * cli → operator / runner → results → api. The runner knows nothing of the operator, the results model nothing of
 * either, and the API resources nothing of the rest of ITF.
 */
class PackageDependenciesTest {
    static final Path SOURCES = Path.of("src/main/java/dev/itf");
    static final Pattern REFERENCE = Pattern.compile("\\bdev\\.itf\\.([a-z]+)\\b");

    /** For each package, the ITF packages it may use (besides its own sub-packages). */
    static final Map<String, Set<String>> ALLOWED = Map.of(
            "api", Set.of(),
            "json", Set.of(),
            "time", Set.of(),
            "results", Set.of("api", "json"),
            "report", Set.of("api", "json", "results"),
            "docs", Set.of("api", "json", "results"));

    /** Packages that must not use these, whatever else they use. */
    static final Map<String, Set<String>> FORBIDDEN = Map.of(
            "runner", Set.of("operator", "cli", "report"),
            "validation", Set.of("operator", "cli"));

    @Test
    void everyPackageUsesOnlyWhatItsArrowsAllow() {
        List<String> violations = new ArrayList<>();
        for (String pkg : packages()) {
            for (Map.Entry<Path, Set<String>> file : usesByFile(pkg).entrySet()) {
                for (String used : file.getValue()) {
                    boolean notAllowed = ALLOWED.containsKey(pkg) && !ALLOWED.get(pkg).contains(used);
                    boolean forbidden = FORBIDDEN.getOrDefault(pkg, Set.of()).contains(used);
                    if (notAllowed || forbidden) {
                        violations.add(file.getKey() + ": " + pkg + " uses dev.itf." + used);
                    }
                }
            }
        }
        assertThat(violations).as("package arrows broken").isEmpty();
    }

    @Test
    void theRulesNameRealPackages() {
        assertThat(packages()).containsAll(ALLOWED.keySet()).containsAll(FORBIDDEN.keySet()).contains("operator", "cli");
    }

    @Test
    void theScanSeesAReference() {
        // guards the scan itself: the operator does use the results model
        assertThat(usesByFile("operator").values().stream().flatMap(Set::stream)).contains("results", "api");
    }

    private static List<String> packages() {
        try (Stream<Path> dirs = Files.list(SOURCES)) {
            return dirs.filter(Files::isDirectory).map(d -> d.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<Path, Set<String>> usesByFile(String pkg) {
        Map<Path, Set<String>> uses = new java.util.TreeMap<>();
        try (Stream<Path> files = Files.walk(SOURCES.resolve(pkg))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Set<String> used = new TreeSet<>();
                for (String line : Files.readAllLines(file)) {
                    if (line.startsWith("package ")) {
                        continue;
                    }
                    Matcher m = REFERENCE.matcher(line);
                    while (m.find()) {
                        if (!m.group(1).equals(pkg)) {
                            used.add(m.group(1));
                        }
                    }
                }
                uses.put(file, used);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return uses;
    }
}
