package dev.itf.cli;

import dev.itf.api.TestEnvironment;
import dev.itf.api.TestSuite;
import dev.itf.docs.SuiteDocs;
import dev.itf.manifest.Manifest;
import dev.itf.report.JsonReport;
import dev.itf.results.CaseResult;
import dev.itf.results.RunResult;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

/** {@code itf docs SUITE.yaml... [--env ENV.yaml] [--results itf-results.json]... --out DIR [--format md,html]}. */
@Command(name = "docs", mixinStandardHelpOptions = true,
        description = {"Write the documentation of test suites, from their definitions: per suite NAME.md and/or NAME.html",
                "(with a table of contents). --results adds the last outcome of each case. Exit code 0, 2 on bad input."})
public class DocsCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "SUITE.yaml", description = "Suite files.")
    List<Path> suites;

    @Option(names = "--env", paramLabel = "ENV.yaml", description = "A file with the TestEnvironment the suites run against (names the components' types).")
    Path environment;

    @Option(names = "--results", paramLabel = "itf-results.json", description = "Results of earlier runs; the latest result of each case is shown.")
    List<Path> results = new ArrayList<>();

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Where to write the documents.")
    Path out;

    @Option(names = "--format", split = ",", paramLabel = "md,html", description = "md, html or both (default).")
    List<String> formats = new ArrayList<>(List.of("md", "html"));

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Set<String> chosen = new LinkedHashSet<>(formats);
        if (chosen.isEmpty() || !Set.of("md", "html").containsAll(chosen)) {
            err.println("itf docs: --format: use md, html or md,html, not " + String.join(",", formats));
            return ItfCommand.BAD_INPUT;
        }
        try {
            TestEnvironment env = environment == null ? null : loadEnvironment(environment);
            Map<String, Map<String, CaseResult>> lastBySuite = lastResults();
            Files.createDirectories(out);
            for (Path file : suites) {
                TestSuite suite = SuiteFile.load(file);
                String name = suite.getMetadata().getName();
                SuiteDocs.Input in = new SuiteDocs.Input(suite, env, lastBySuite.getOrDefault(name, Map.of()));
                if (chosen.contains("md")) {
                    stdout.println("docs: " + write(out.resolve(name + ".md"), SuiteDocs.markdown(in)));
                }
                if (chosen.contains("html")) {
                    stdout.println("docs: " + write(out.resolve(name + ".html"), SuiteDocs.html(in)));
                }
            }
        } catch (InputException e) {
            e.problems().forEach(err::println);
            return ItfCommand.BAD_INPUT;
        } catch (IOException | IllegalArgumentException e) {
            err.println("itf docs: " + e.getMessage());
            return ItfCommand.BAD_INPUT;
        } finally {
            stdout.flush();
        }
        return ItfCommand.OK;
    }

    private static Path write(Path file, String text) throws IOException {
        Files.writeString(file, text);
        return file;
    }

    private static TestEnvironment loadEnvironment(Path file) throws InputException {
        for (Manifest m : SuiteFile.documents(file)) {
            if ("TestEnvironment".equals(m.kind())) {
                var typed = m.as(TestEnvironment.class);
                if (!typed.problems().isEmpty()) {
                    throw new InputException(typed.problems().stream().map(m::format).toList());
                }
                return typed.resource();
            }
        }
        throw new InputException(file + ": --env: no TestEnvironment in the file (apiVersion: itf.dev/v1alpha1, kind: TestEnvironment)");
    }

    /** By suite, the latest result of each case id; files are read in order, a later start time wins. */
    private Map<String, Map<String, CaseResult>> lastResults() throws IOException {
        Map<String, Map<String, CaseResult>> bySuite = new LinkedHashMap<>();
        for (Path f : results) {
            RunResult run = JsonReport.read(f);
            Map<String, CaseResult> cases = bySuite.computeIfAbsent(String.valueOf(run.suite), k -> new LinkedHashMap<>());
            for (CaseResult c : run.cases) {
                CaseResult known = cases.get(c.caseId);
                if (known == null || known.startedAt == null || (c.startedAt != null && c.startedAt.compareTo(known.startedAt) >= 0)) {
                    cases.put(c.caseId, c);
                }
            }
        }
        return bySuite;
    }
}
