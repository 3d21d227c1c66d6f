package dev.itf.cli;

import picocli.CommandLine.Command;

/** Documents {@code itf operator} in the help; {@link Main} starts Quarkus for it before picocli runs. */
@Command(name = "operator", description = "Start the operator (the default command of the image).")
public class OperatorCommand implements Runnable {
    @Override
    public void run() {
        Main.main("operator");
    }
}
