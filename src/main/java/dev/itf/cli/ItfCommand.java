package dev.itf.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;
import java.util.function.Function;

/**
 * The {@code itf} command and its sub-commands. Exit codes: 0 all passed, 1 a case failed or errored, 2 bad input or usage,
 * 3 ({@code itf submit}) the run ended in Error or did not finish in time.
 */
@Command(name = "itf", mixinStandardHelpOptions = true, versionProvider = ItfCommand.Version.class,
        description = "Kubernetes-native integration testing.",
        subcommands = {RunCommand.class, SubmitCommand.class, ReportCommand.class, LintCommand.class, DocsCommand.class, DemoTargetCommand.class, OperatorCommand.class})
public class ItfCommand implements Runnable {

    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int BAD_INPUT = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
    }

    /** Runs the command line and returns the exit code; usage errors give 2. */
    public static int execute(String... args) {
        return execute(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    /** Runs the command line writing to the given streams, so it can run in-process (tests, embedding). */
    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        return execute(System::getenv, out, err, args);
    }

    /** Runs the command line with the given environment variables in place of the process's (a runner Job's, in tests). */
    public static int execute(Function<String, String> environment, PrintWriter out, PrintWriter err, String... args) {
        return execute(environment, made -> { }, out, err, args);
    }

    /** As above, with each command object handed to {@code configure} once made (tests set a submit's prompt this way). */
    static int execute(Function<String, String> environment, java.util.function.Consumer<Object> configure,
                       PrintWriter out, PrintWriter err, String... args) {
        CommandLine cl = new CommandLine(new ItfCommand(), new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> type) throws Exception {
                K made = CommandLine.defaultFactory().create(type);
                if (made instanceof RunCommand run) {
                    run.environment = environment;
                }
                if (made instanceof SubmitCommand submit) {
                    submit.environmentVariables = environment;
                }
                configure.accept(made);
                return made;
            }
        });
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            commandLine.getErr().println("itf: " + ex.getMessage());
            return BAD_INPUT;
        });
        return cl.execute(args);
    }

    static class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = ItfCommand.class.getPackage().getImplementationVersion();
            return new String[] {"itf " + (v == null ? "dev" : v)};
        }
    }
}
