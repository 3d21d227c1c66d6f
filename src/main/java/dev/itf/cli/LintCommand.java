package dev.itf.cli;

import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

@Command(name = "lint", mixinStandardHelpOptions = true, description = "Check manifests offline.")
public class LintCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new IllegalStateException("lint is being built");
    }
}
