package dev.itf.cli;

import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

@Command(name = "demo-target", mixinStandardHelpOptions = true, description = "Start the built-in demo service.")
public class DemoTargetCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new IllegalStateException("demo-target is being built");
    }
}
