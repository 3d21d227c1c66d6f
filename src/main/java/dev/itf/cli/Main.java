package dev.itf.cli;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import picocli.CommandLine;

/**
 * Entry point of the single ITF artifact. {@code itf operator} (the default) boots Quarkus and the operator;
 * every other command runs as plain Java, so it never starts the operator and never needs a cluster.
 */
@QuarkusMain
public class Main {

    public static void main(String... args) {
        if (args.length == 0 || "operator".equals(args[0])) {
            Quarkus.run(args.length == 0 ? args : java.util.Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        // Quarkus is not started, so nothing configures logging: the log manager it brings would build a record for every
        // debug message (the JSONPath library logs one per evaluation) and queue it for a handler that never comes
        java.util.logging.Logger.getLogger("").setLevel(java.util.logging.Level.INFO);
        System.exit(ItfCommand.execute(args));
    }
}
