package dev.itf.cli;

import dev.itf.api.RunPhase;
import dev.itf.api.TestRun;
import dev.itf.api.TestRunStatus;
import dev.itf.results.CaseResult;
import dev.itf.results.RunResult;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

import java.io.PrintWriter;
import java.net.URI;
import java.time.Duration;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Follows a TestRun on the cluster until it finishes, the deadline passes or the user presses Ctrl-C. Case results
 * are printed as they arrive, read from the operator's reports API with the caller's token; where that API cannot be
 * reached, progress comes from the run's status (phase, counts and the failures it lists).
 */
final class RunFollower {

    enum End { FINISHED, TIMED_OUT, INTERRUPTED, DELETED }

    /** How the wait ended, the run as last seen and its full report when the reports API gave one. */
    record Outcome(End end, TestRun run, Optional<RunResult> report) {
    }

    private final KubernetesClient client;
    private final String namespace;
    private final String name;
    private final ReportsApi reports;
    private final String reportsBase;
    private final PrintWriter out;
    private final PrintWriter err;
    private final Duration pollInterval;

    private final Set<String> shownCases = new HashSet<>();
    private final Set<String> shownFailures = new HashSet<>();
    private boolean reportsLive = true;
    private RunPhase lastPhase;
    private String lastCounts;
    private String lastClusterError;

    RunFollower(KubernetesClient client, String namespace, String name, ReportsApi reports, String reportsBase,
                PrintWriter out, PrintWriter err, Duration pollInterval) {
        this.client = client;
        this.namespace = namespace;
        this.name = name;
        this.reports = reports;
        this.reportsBase = reportsBase;
        this.out = out;
        this.err = err;
        this.pollInterval = pollInterval;
    }

    Outcome follow(Duration timeout, Interruption interruption, ProgressPrinter progress) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        TestRun run = null;
        Optional<RunResult> report = Optional.empty();
        while (true) {
            TestRun seen;
            try {
                seen = client.resources(TestRun.class).inNamespace(namespace).withName(name).get();
                lastClusterError = null;
                if (seen == null) {
                    return new Outcome(End.DELETED, run, report);
                }
                run = seen;
            } catch (KubernetesClientException e) {
                // the API server may be briefly away (an upgrade, a flaky network): keep trying until the deadline
                if (!String.valueOf(e.getMessage()).equals(lastClusterError)) {
                    err.println("itf submit: reading TestRun " + namespace + "/" + name + " failed, trying again: " + e.getMessage());
                    err.flush();
                }
                lastClusterError = String.valueOf(e.getMessage());
                seen = null;
            }
            if (seen != null) {
                TestRunStatus status = seen.getStatus() == null ? new TestRunStatus() : seen.getStatus();
                RunPhase phase = status.phase == null ? RunPhase.Pending : status.phase;
                if (phase != lastPhase) {
                    progress.note(phaseLine(seen, phase));
                    lastPhase = phase;
                }
                String counts = counts(status.summary);
                boolean changed = !counts.equals(lastCounts);
                lastCounts = counts;
                if (changed || phase.isFinal()) {
                    report = showCases(status, progress);
                }
                if (phase.isFinal()) {
                    return new Outcome(End.FINISHED, seen, report);
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return new Outcome(End.TIMED_OUT, run, report);
            }
            if (interruption.await(Duration.ofNanos(Math.min(left, pollInterval.toNanos())))) {
                return new Outcome(End.INTERRUPTED, run, report);
            }
        }
    }

    /** Prints the cases not shown yet; the run's report when the reports API answered. */
    private Optional<RunResult> showCases(TestRunStatus status, ProgressPrinter progress) {
        if (reportsLive) {
            Optional<URI> uri = ReportsApi.reportUri(reportsBase, status.reportUrl, namespace, name);
            if (uri.isPresent()) {
                try {
                    RunResult result = reports.fetch(uri.get());
                    for (CaseResult c : result.cases) {
                        if (shownCases.add(c.caseId)) {
                            progress.caseFinished(c);
                        }
                    }
                    return Optional.of(result);
                } catch (ReportsApi.Unavailable e) {
                    reportsLive = false;
                    err.println("itf submit: " + e.getMessage() + "; following the TestRun's status instead");
                    err.flush();
                }
            } else if (status.phase != null && status.phase.isFinal()) {
                reportsLive = false;
            }
        }
        if (!reportsLive) {
            for (TestRunStatus.Failure f : status.failures) {
                if (shownFailures.add(f.id)) {
                    progress.note("FAIL " + f.id + " " + (f.title == null ? "" : f.title)
                            + (f.message == null ? "" : "\n    " + f.message.replace("\n", "\n    ")));
                }
            }
            if (status.summary != null && status.summary.total > 0) {
                progress.note(counts(status.summary));
            }
        }
        return Optional.empty();
    }

    private String phaseLine(TestRun run, RunPhase phase) {
        String line = "TestRun " + namespace + "/" + name + ": " + phase;
        if (phase == RunPhase.Provisioning && run.getStatus() != null && run.getStatus().namespace != null) {
            line += " (namespace " + run.getStatus().namespace + ")";
        }
        return line;
    }

    static String counts(TestRunStatus.Summary s) {
        if (s == null) {
            return "";
        }
        int done = s.passed + s.failed + s.errored + s.skipped;
        return done + " of " + s.total + " cases: " + s.passed + " passed (" + s.flaky + " flaky), " + s.failed + " failed, "
                + s.errored + " errored, " + s.skipped + " skipped";
    }
}
