package dev.itf.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code itf lint FILE|DIR...}: schema and reference errors as {@code file:line:column: field path: message}; exit 2 when there is any. */
@Command(name = "lint", mixinStandardHelpOptions = true,
        description = {"Check ITF manifests offline with the operator's validators.",
                "Reads every .yaml and .yml file (directories recursively) and prints each problem as",
                "file:line:column: field path: message. Exit code 0 when there is none, 2 otherwise."})
public class LintCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "FILE|DIR", description = "Manifest files or directories.")
    List<Path> paths;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        ManifestLint lint = new ManifestLint();
        List<ManifestLint.Finding> findings = lint.lint(paths);
        findings.forEach(out::println);
        int n = findings.size();
        out.println(n + " problem" + (n == 1 ? "" : "s") + " in " + lint.files() + " file" + (lint.files() == 1 ? "" : "s")
                + " (" + lint.resources() + " ITF resource" + (lint.resources() == 1 ? "" : "s") + ")");
        out.flush();
        return n == 0 ? ItfCommand.OK : ItfCommand.BAD_INPUT;
    }
}
