package dev.itf.cli;

import dev.itf.api.TestSuite;
import dev.itf.report.ReportFormat;
import dev.itf.report.ReportWriter;
import dev.itf.runner.ResultPusher;
import dev.itf.results.TerminationMessage;
import dev.itf.runner.CaseListener;
import dev.itf.runner.CaseSelection;
import dev.itf.runner.RunOptions;
import dev.itf.results.RunResult;
import dev.itf.runner.CaseInstances;
import dev.itf.runner.SuiteRunner;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Function;

@Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run a suite: itf run SUITE.yaml [ENV.yaml].",
                "Exit code 0 when every case passed, 1 when a case failed or errored, 2 for bad input or usage."})
public class RunCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "SUITE.yaml", description = "The TestSuite manifest.")
    Path suiteFile;

    @Parameters(index = "1", arity = "0..1", paramLabel = "ENV.yaml",
            description = "Local environment: variables and components (components.NAME.KEY variables).")
    Path environmentFile;

    @Option(names = "--var", paramLabel = "NAME=VALUE", description = "A run variable; overrides suite and ENV.yaml variables. Repeatable.")
    Map<String, String> variables = new LinkedHashMap<>();

    @Option(names = "--tags", split = ",", paramLabel = "TAG", description = "Run only cases with any of these tags.")
    List<String> tags = new ArrayList<>();

    @Option(names = "--exclude-tags", split = ",", paramLabel = "TAG", description = "Leave out cases with any of these tags.")
    List<String> excludeTags = new ArrayList<>();

    @Option(names = "--ids", split = ",", paramLabel = "ID", description = "Run only these cases.")
    List<String> ids = new ArrayList<>();

    @Option(names = "--parallel", defaultValue = "1", paramLabel = "N", description = "Cases run at once (default 1).")
    int parallel;

    @Option(names = "--retries", paramLabel = "N", description = "Retries of a failed or errored case; overrides the suite's.")
    Integer retries;

    @Option(names = "--shard", defaultValue = "0", paramLabel = "I", description = "This runner's shard, 0-based (default 0).")
    int shard;

    @Option(names = "--shards", defaultValue = "1", paramLabel = "N", description = "Number of shards (default 1).")
    int shards;

    @Option(names = "--full-logs", description = "Keep request and response bodies in the step logs of passing cases too "
            + "(by default only cases that did not pass keep them).")
    boolean fullLogs;

    @Option(names = "--report-dir", defaultValue = "itf-reports", paramLabel = "DIR", description = "Where reports go (default itf-reports).")
    Path reportDir;

    @Option(names = "--format", defaultValue = "junit,json", paramLabel = "FORMATS", description = "Report formats: junit, json, allure, html, pdf, sarif (default junit,json).")
    String format;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Listeners told about each case besides the progress printer, e.g. a results pusher. */
    final List<CaseListener> listeners = new ArrayList<>();

    /** Environment variables: secrets, ${env.NAME}, and in a runner Job where results go (ITF_RESULTS_URL). */
    Function<String, String> environment = System::getenv;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        TestSuite suite;
        RunOptions options;
        Set<ReportFormat> formats;
        try {
            formats = ReportFormat.parse(format);
            options = options();
            suite = SuiteFile.load(suiteFile);
            // data-driven cases become their instances here, so a data set that cannot be read is bad input
            suite.getSpec().cases = new CaseInstances(options.suiteDirectory).expand(suite.getSpec());
        } catch (IllegalArgumentException e) {
            err.println("itf run: " + e.getMessage());
            return ItfCommand.BAD_INPUT;
        } catch (InputException e) {
            e.problems().forEach(err::println);
            return ItfCommand.BAD_INPUT;
        }
        if (CaseSelection.matching(suite.getSpec().cases, options).isEmpty()) {
            err.println("itf run: no case of " + suiteFile + " matches the selection (tags " + tags + ", exclude-tags "
                    + excludeTags + ", ids " + ids + ")");
            return ItfCommand.BAD_INPUT;
        }
        Optional<ResultPusher> pusher = ResultPusher.fromEnv(environment, err);
        RunResult result;
        try (ProgressPrinter progress = new ProgressPrinter(out)) {
            options.listeners.add(progress);
            options.listeners.addAll(listeners);
            pusher.ifPresent(options.listeners::add);
            result = new SuiteRunner(suite, options).run();
            progress.summary(result);
        } catch (RuntimeException e) {
            pusher.ifPresent(ResultPusher::close);
            throw e;
        }
        writeTerminationMessage(result, err);
        try {
            for (Path written : ReportWriter.write(result, reportDir, formats)) {
                out.println("report: " + written);
            }
        } catch (IOException e) {
            err.println("itf run: cannot write reports to " + reportDir + ": " + e.getMessage());
            return ItfCommand.BAD_INPUT;
        } finally {
            out.flush();
            // the results still on their way to the operator: the Job ends only once they are acknowledged (or given up on)
            pusher.ifPresent(ResultPusher::finish);
        }
        return result.succeeded() ? ItfCommand.OK : ItfCommand.FAILED;
    }

    /** In a runner Job: the summary the operator completes the run from when pushed results did not arrive. */
    private void writeTerminationMessage(RunResult result, PrintWriter err) {
        String path = environment.apply(TerminationMessage.ENV_PATH);
        if (path == null || path.isBlank()) {
            return;
        }
        try {
            TerminationMessage.of(result.shard, result.cases).write(Path.of(path));
        } catch (IOException e) {
            err.println("itf run: cannot write the termination message to " + path + ": " + e.getMessage());
        }
    }

    private RunOptions options() throws InputException {
        if (parallel < 1) {
            throw new IllegalArgumentException("--parallel must be at least 1, got " + parallel);
        }
        if (retries != null && retries < 0) {
            throw new IllegalArgumentException("--retries must be 0 or more, got " + retries);
        }
        if (shards < 1 || shard < 0 || shard >= shards) {
            throw new IllegalArgumentException("--shard must be between 0 and --shards - 1 (got shard " + shard + " of " + shards + ")");
        }
        RunOptions o = new RunOptions();
        if (environmentFile != null) {
            o.variables.putAll(EnvironmentFile.load(environmentFile));
        }
        o.variables.putAll(variables);
        o.environment = environment;
        o.tags = tags;
        o.excludeTags = excludeTags;
        o.ids = ids;
        o.parallel = parallel;
        o.fullLogs = fullLogs;
        o.retries = retries;
        o.shard = shard;
        o.shards = shards;
        Path parent = suiteFile.toAbsolutePath().getParent();
        o.suiteDirectory = parent == null ? Path.of(".") : parent;
        return o;
    }
}
