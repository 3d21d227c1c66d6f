package dev.itf.cli;

import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

@Command(name = "run", mixinStandardHelpOptions = true, description = "Run a suite: itf run SUITE.yaml [ENV.yaml].")
public class RunCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new IllegalStateException("run is being built");
    }
}
