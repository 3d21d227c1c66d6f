package dev.itf.cli;

import dev.itf.validation.quality.QualityConfig;
import dev.itf.validation.quality.QualityRule;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code itf lint FILE|DIR... [--quality] [--strict]}: schema and reference errors as
 * {@code file:line:column: field path: message}, then quality findings with their rule, severity and fix.
 */
@Command(name = "lint", mixinStandardHelpOptions = true,
        description = {"Check ITF manifests offline with the operator's validators.",
                "Reads every .yaml and .yml file (directories recursively) and prints each problem as",
                "file:line:column: field path: message. With --quality also the quality rules (docs/lint.md),",
                "configured by the nearest .itf-lint.yaml. Exit code 0 when there is no problem and no quality",
                "error (nor, with --strict, warning), 2 otherwise."})
public class LintCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "FILE|DIR", description = "Manifest files or directories.")
    List<Path> paths;

    @Option(names = "--quality", description = "Also check the quality rules: completeness, clarity, reproducibility.")
    boolean quality;

    @Option(names = "--strict", description = "Warnings fail the lint too (exit 2).")
    boolean strict;

    @Option(names = "--config", paramLabel = "FILE",
            description = "The lint configuration (default: .itf-lint.yaml in the current directory or its nearest parent).")
    Path config;

    /** Where the search for .itf-lint.yaml starts; the current directory. */
    Path workingDirectory = Path.of("");

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        QualityConfig rules;
        try {
            rules = config != null ? QualityConfig.load(config) : QualityConfig.find(workingDirectory);
        } catch (IllegalArgumentException e) {
            spec.commandLine().getErr().println("itf lint: " + e.getMessage());
            return ItfCommand.BAD_INPUT;
        }
        ManifestLint lint = new ManifestLint();
        List<ManifestLint.Finding> findings = lint.lint(paths);
        findings.forEach(out::println);
        List<ManifestLint.QualityLine> lines = lint.quality(rules, quality);
        lines.forEach(out::println);
        int n = findings.size();
        long errors = lines.stream().filter(l -> l.finding().severity() == QualityRule.Severity.ERROR).count();
        long warnings = lines.stream().filter(l -> l.finding().severity() == QualityRule.Severity.WARNING).count();
        long infos = lines.size() - errors - warnings;
        String counts = quality || !lines.isEmpty()
                ? "; quality: " + errors + " error" + (errors == 1 ? "" : "s") + ", " + warnings + " warning" + (warnings == 1 ? "" : "s")
                + ", " + infos + " info" : "";
        out.println(n + " problem" + (n == 1 ? "" : "s") + " in " + lint.files() + " file" + (lint.files() == 1 ? "" : "s")
                + " (" + lint.resources() + " ITF resource" + (lint.resources() == 1 ? "" : "s") + ")" + counts);
        out.flush();
        boolean failed = n > 0 || errors > 0 || (strict && warnings > 0);
        return failed ? ItfCommand.BAD_INPUT : ItfCommand.OK;
    }
}
