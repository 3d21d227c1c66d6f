package dev.itf.cli;

import dev.itf.api.LocalObjectRef;
import dev.itf.api.RunPhase;
import dev.itf.api.TestRun;
import dev.itf.api.TestRunSpec;
import dev.itf.api.TestRunStatus;
import dev.itf.manifest.Manifest;
import dev.itf.manifest.ManifestException;
import dev.itf.manifest.Manifests;
import dev.itf.operator.lifecycle.RunConditions;
import dev.itf.report.ReportFormat;
import dev.itf.report.ReportWriter;
import dev.itf.results.RunResult;
import dev.itf.runner.Durations;
import dev.itf.validation.Problem;
import dev.itf.validation.RunValidator;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Function;

@Command(name = "submit", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run a suite on the cluster of the current kubeconfig: itf submit (RUN.yaml | --suite NAME [--env NAME]).",
                "Applies the --apply files, creates the TestRun and, with --wait, follows it and prints the summary table.",
                "Exit code 0 when every case passed, 1 when a case failed or errored, 2 for bad input, usage or a cluster",
                "that refuses the request, 3 when the run ended in Error or did not finish within --timeout, 130 after Ctrl-C."})
public class SubmitCommand implements Callable<Integer> {

    static final int RUN_ERROR = 3;
    static final int INTERRUPTED = 130;

    @Parameters(index = "0", arity = "0..1", paramLabel = "RUN.yaml", description = "A TestRun manifest (generateName or name).")
    Path runFile;

    @Option(names = "--suite", paramLabel = "NAME", description = "Run this TestSuite of the namespace (instead of RUN.yaml).")
    String suite;

    @Option(names = "--env", paramLabel = "NAME", description = "With --suite: the TestEnvironment to provision.")
    String environment;

    @Option(names = {"-n", "--namespace"}, paramLabel = "NS", description = "Namespace (default: the kubeconfig context's, else the service account's, else default).")
    String namespace;

    @Option(names = "--apply", paramLabel = "FILE", description = "Manifests to create or update before the run (suites, environments, Secrets, ConfigMaps). Repeatable.")
    List<Path> applyFiles = new ArrayList<>();

    @Option(names = "--var", paramLabel = "NAME=VALUE", description = "A run variable (spec.variables). Repeatable.")
    Map<String, String> variables = new LinkedHashMap<>();

    @Option(names = "--tags", split = ",", paramLabel = "TAG", description = "Run only cases with any of these tags.")
    List<String> tags = new ArrayList<>();

    @Option(names = "--exclude-tags", split = ",", paramLabel = "TAG", description = "Leave out cases with any of these tags.")
    List<String> excludeTags = new ArrayList<>();

    @Option(names = "--parallel", paramLabel = "N", description = "Shards (spec.parallelism).")
    Integer parallel;

    @Option(names = "--wait", description = "Follow the run until it finishes: case results as they arrive, then the summary table.")
    boolean waitForRun;

    @Option(names = "--timeout", defaultValue = "30m", paramLabel = "DURATION", description = "How long --wait waits (default 30m); also the run's own timeout when RUN.yaml sets none.")
    String timeout;

    @Option(names = "--report-dir", paramLabel = "DIR", description = "With --wait: download the run's results and write its reports here.")
    Path reportDir;

    @Option(names = "--format", defaultValue = "junit,json", paramLabel = "FORMATS", description = "Report formats for --report-dir: junit, json, allure, html, pdf, sarif (default junit,json).")
    String format;

    @Option(names = "--kubeconfig", paramLabel = "FILE", description = "Kubeconfig file (default: KUBECONFIG, ~/.kube/config, or the pod's service account).")
    Path kubeconfig;

    @Option(names = "--context", paramLabel = "NAME", description = "Kubeconfig context (default: the current one).")
    String context;

    @Option(names = "--reports-url", paramLabel = "URL", description = "The operator's address as this machine reaches it (e.g. an Ingress); default: the run's status.reportUrl.")
    String reportsUrl;

    @Option(names = "--poll-interval", defaultValue = "1s", hidden = true, paramLabel = "DURATION")
    String pollInterval;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Environment variables: ITF_TOKEN. */
    Function<String, String> environmentVariables = System::getenv;
    /** Asked after Ctrl-C whether to delete the run. */
    Prompt prompt = Prompt.console();
    /** Catches Ctrl-C while waiting. */
    java.util.function.Supplier<Interruption> interruptions = Interruption::onCtrlC;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Set<ReportFormat> formats;
        Duration wait;
        Duration poll;
        TestRun run;
        try {
            checkUsage();
            formats = ReportFormat.parse(format);
            wait = duration("--timeout", timeout);
            poll = duration("--poll-interval", pollInterval);
            lint();
            run = run();
        } catch (IllegalArgumentException e) {
            err.println("itf submit: " + e.getMessage());
            return ItfCommand.BAD_INPUT;
        } catch (InputException e) {
            e.problems().forEach(p -> err.println(p.startsWith("itf submit") ? p : "itf submit: " + p));
            return ItfCommand.BAD_INPUT;
        }
        Kubeconfig cluster;
        try {
            cluster = Kubeconfig.resolve(kubeconfig, context, namespace);
        } catch (InputException e) {
            e.problems().forEach(p -> err.println("itf submit: " + p));
            return ItfCommand.BAD_INPUT;
        }
        String ns = cluster.namespace();
        try (KubernetesClient client = cluster.client()) {
            TestRun created;
            try {
                new ManifestApply(client, ns, out).apply(applyFiles);
                run.getMetadata().setNamespace(ns);
                created = client.resources(TestRun.class).inNamespace(ns).resource(run).create();
            } catch (InputException e) {
                e.problems().forEach(p -> err.println("itf submit: " + p));
                return ItfCommand.BAD_INPUT;
            } catch (KubernetesClientException e) {
                err.println("itf submit: the cluster at " + cluster.config().getMasterUrl() + " refused the request: " + clusterMessage(e));
                return ItfCommand.BAD_INPUT;
            }
            String name = created.getMetadata().getName();
            out.println("testrun.itf.dev/" + name + " created in namespace " + ns);
            out.flush();
            if (!waitForRun) {
                return ItfCommand.OK;
            }
            return follow(client, cluster, ns, name, wait, poll, formats, out, err);
        }
    }

    private int follow(KubernetesClient client, Kubeconfig cluster, String ns, String name, Duration wait, Duration poll,
                       Set<ReportFormat> formats, PrintWriter out, PrintWriter err) {
        RunFollower.Outcome outcome;
        try (ReportsApi reports = new ReportsApi(cluster.bearerToken(environmentVariables));
             Interruption interruption = interruptions.get();
             ProgressPrinter progress = new ProgressPrinter(out)) {
            RunFollower follower = new RunFollower(client, ns, name, reports, reportsUrl, out, err, poll);
            try {
                outcome = follower.follow(wait, interruption, progress);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                outcome = new RunFollower.Outcome(RunFollower.End.INTERRUPTED, null, Optional.empty());
            }
            progress.close();
            switch (outcome.end()) {
                case INTERRUPTED:
                    return interrupted(client, ns, name, out);
                case DELETED:
                    err.println("itf submit: TestRun " + ns + "/" + name + " was deleted before it finished");
                    return RUN_ERROR;
                case TIMED_OUT:
                    summary(outcome, progress);
                    err.println("itf submit: TestRun " + ns + "/" + name + " did not finish within " + timeout
                            + "; it keeps running (kubectl delete testrun " + name + " -n " + ns + " stops it)");
                    return RUN_ERROR;
                default:
                    break;
            }
            summary(outcome, progress);
            TestRunStatus status = outcome.run().getStatus();
            out.println("TestRun " + ns + "/" + name + ": " + status.phase + explanation(status));
            if (status.reportUrl != null) {
                out.println("report: " + status.reportUrl);
            }
            out.flush();
            if (reportDir != null) {
                writeReports(reports, outcome, ns, name, formats, out, err);
            }
            return switch (status.phase) {
                case Succeeded -> ItfCommand.OK;
                case Failed -> ItfCommand.FAILED;
                default -> RUN_ERROR;
            };
        }
    }

    private static void summary(RunFollower.Outcome outcome, ProgressPrinter progress) {
        if (outcome.report().isPresent()) {
            RunResult report = outcome.report().get();
            if (report.durationMs == 0 && report.startedAt != null && report.finishedAt != null) {
                report.durationMs = Duration.between(Instant.parse(report.startedAt), Instant.parse(report.finishedAt)).toMillis();
            }
            progress.summary(report);
        } else if (outcome.run() != null && outcome.run().getStatus() != null) {
            progress.summary(outcome.run().getStatus());
        }
    }

    /** Why a run ended in Error, or the counts of a run that did not. */
    private static String explanation(TestRunStatus status) {
        if (status.phase != RunPhase.Error) {
            return status.duration == null ? "" : " in " + status.duration;
        }
        return RunConditions.get(status, RunConditions.SUCCEEDED)
                .or(() -> RunConditions.get(status, RunConditions.RESOLVED))
                .filter(c -> !"True".equals(c.getStatus()) && c.getMessage() != null)
                .map(c -> " (" + c.getReason() + ": " + c.getMessage() + ")").orElse("");
    }

    private void writeReports(ReportsApi reports, RunFollower.Outcome outcome, String ns, String name,
                              Set<ReportFormat> formats, PrintWriter out, PrintWriter err) {
        RunResult result = outcome.report().orElse(null);
        if (result == null) {
            var uri = ReportsApi.reportUri(reportsUrl, outcome.run().getStatus().reportUrl, ns, name);
            if (uri.isEmpty()) {
                err.println("itf submit: no reports written: TestRun " + ns + "/" + name + " has no status.reportUrl; pass --reports-url");
                return;
            }
            try {
                result = reports.fetch(uri.get());
            } catch (ReportsApi.Unavailable e) {
                err.println("itf submit: no reports written: " + e.getMessage());
                return;
            }
        }
        try {
            for (Path written : ReportWriter.write(result, reportDir, formats)) {
                out.println("report: " + written);
            }
        } catch (IOException e) {
            err.println("itf submit: cannot write reports to " + reportDir + ": " + e.getMessage());
        }
        out.flush();
    }

    private int interrupted(KubernetesClient client, String ns, String name, PrintWriter out) {
        out.println();
        Optional<String> answer = prompt.ask("Delete TestRun " + ns + "/" + name + " (stops the run and removes its namespace)? [y/N] ");
        if (Prompt.yes(answer)) {
            client.resources(TestRun.class).inNamespace(ns).withName(name).delete();
            out.println("testrun.itf.dev/" + name + " deleted");
        } else {
            out.println("TestRun " + ns + "/" + name + " keeps running (kubectl delete testrun " + name + " -n " + ns + " stops it)");
        }
        out.flush();
        return INTERRUPTED;
    }

    private void checkUsage() {
        if ((runFile == null) == (suite == null)) {
            throw new IllegalArgumentException("give either RUN.yaml or --suite NAME");
        }
        if (environment != null && suite == null) {
            throw new IllegalArgumentException("--env goes with --suite; in RUN.yaml set spec.environmentRef");
        }
        if (reportDir != null && !waitForRun) {
            throw new IllegalArgumentException("--report-dir needs --wait: reports are written once the run has finished");
        }
        if (parallel != null && parallel < 1) {
            throw new IllegalArgumentException("--parallel must be at least 1, got " + parallel);
        }
    }

    private static Duration duration(String option, String text) {
        try {
            Duration d = Durations.parse(text);
            if (d.isZero() || d.isNegative()) {
                throw new IllegalArgumentException("must be positive");
            }
            return d;
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(option + " " + text + ": not a duration such as 30s, 10m or 1h30m");
        }
    }

    /** The files are checked as {@code itf lint} checks them, before anything reaches the cluster. */
    private void lint() throws InputException {
        List<Path> files = new ArrayList<>(applyFiles);
        if (runFile != null) {
            files.add(runFile);
        }
        if (files.isEmpty()) {
            return;
        }
        List<ManifestLint.Finding> findings = new ManifestLint().lint(files);
        if (!findings.isEmpty()) {
            throw new InputException(findings.stream().map(ManifestLint.Finding::toString).toList());
        }
    }

    private TestRun run() throws InputException {
        TestRun run;
        if (runFile != null) {
            run = fromFile(runFile);
        } else {
            run = new TestRun();
            run.setMetadata(new ObjectMetaBuilder().withGenerateName(suite + "-").build());
            run.setSpec(new TestRunSpec());
            run.getSpec().suiteRef = new LocalObjectRef(suite);
            if (environment != null) {
                run.getSpec().environmentRef = new LocalObjectRef(environment);
            }
        }
        TestRunSpec s = run.getSpec();
        s.variables.putAll(variables);
        if (!tags.isEmpty() || !excludeTags.isEmpty()) {
            if (s.selector == null) {
                s.selector = new TestRunSpec.Selector();
            }
            s.selector.tags.addAll(tags);
            s.selector.excludeTags.addAll(excludeTags);
        }
        if (parallel != null) {
            s.parallelism = parallel;
        }
        if (s.timeout == null) {
            s.timeout = timeout;
        }
        List<Problem> problems = RunValidator.validate(run);
        if (!problems.isEmpty()) {
            String where = runFile == null ? "the TestRun" : runFile.toString();
            throw new InputException(problems.stream().map(p -> where + ": " + p).toList());
        }
        return run;
    }

    private static TestRun fromFile(Path file) throws InputException {
        List<Manifest> documents;
        try {
            documents = Manifests.read(file);
        } catch (ManifestException e) {
            throw new InputException(e.getMessage());
        }
        List<Manifest> runs = documents.stream().filter(m -> "TestRun".equals(m.kind())).toList();
        if (runs.size() != 1) {
            throw new InputException(file + ": RUN.yaml must hold exactly one TestRun, found " + runs.size()
                    + " (suites and environments go in --apply files)");
        }
        var typed = runs.get(0).as(TestRun.class);
        if (!typed.ok()) {
            throw new InputException(typed.problems().stream().map(runs.get(0)::format).toList());
        }
        TestRun run = typed.resource();
        run.getMetadata().setResourceVersion(null);
        return run;
    }

    private static String clusterMessage(KubernetesClientException e) {
        if (e.getStatus() != null && e.getStatus().getMessage() != null) {
            return e.getStatus().getMessage();
        }
        return e.getCause() != null ? e.getCause().getMessage() : e.getMessage();
    }
}
