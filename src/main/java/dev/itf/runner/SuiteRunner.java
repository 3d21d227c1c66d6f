package dev.itf.runner;

import dev.itf.results.RunResult;

import dev.itf.api.SuiteDefaults;
import dev.itf.api.TestCase;
import dev.itf.api.TestSuite;
import dev.itf.api.TestSuiteSpec;
import dev.itf.results.Attempt;
import dev.itf.results.CaseResult;
import dev.itf.results.ComplianceReport;
import dev.itf.results.ErrorKind;
import dev.itf.results.Outcome;
import dev.itf.runner.auth.AuthProfiles;
import dev.itf.runner.expect.Expectations;
import dev.itf.runner.expect.SchemaSource;
import dev.itf.runner.template.VariableScope;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs a suite: selects the cases, runs each (retrying failed and errored ones), up to {@code parallel} at once,
 * tells the listeners as each finishes, and returns the results in the suite's order. Per run there is one
 * {@link RunResources}, one {@link Redactor}, one {@link AuthProfiles} and one HTTP client per TLS/redirect setting.
 */
public final class SuiteRunner {

    static final Duration DEFAULT_CASE_TIMEOUT = Duration.ofSeconds(30);

    private final TestSuite suite;
    private final RunOptions options;
    private final Redactor redactor = new Redactor();

    public SuiteRunner(TestSuite suite, RunOptions options) {
        this.suite = suite;
        this.options = options;
        // a variable named like a credential is a secret: keep its value out of every log
        Map<String, String> named = new LinkedHashMap<>(suite.getSpec().variables);
        named.putAll(options.variables);
        named.forEach((k, v) -> {
            if (Redactor.isSecretName(k)) {
                redactor.register(v);
            }
        });
    }

    public Redactor redactor() {
        return redactor;
    }

    public RunResult run() {
        TestSuiteSpec spec = suite.getSpec();
        SuiteDefaults defaults = spec.defaults == null ? new SuiteDefaults() : spec.defaults;
        Instant started = Instant.now();
        List<TestCase> cases = CaseSelection.select(new CaseInstances(options.suiteDirectory).expand(spec), options);
        List<CaseResult> results = new ArrayList<>();
        Watchdog watchdog = new Watchdog();
        ExecutorService caseThreads = Executors.newFixedThreadPool(Math.max(1, Math.min(options.parallel, cases.size())), daemons("itf-case"));
        try (RunResources resources = new RunResources()) {
            AuthProfiles auth = new AuthProfiles(spec.auth);
            StepFactory factory = new StepFactory(defaults.headers, auth, options.shard, options.shards);
            StepRun.Run run = new StepRun.Run(resources, redactor, new SecretReader(options.environment, redactor),
                    new Expectations(new SchemaSource(options.suiteDirectory)), options.fullLogs,
                    options.suiteDirectory);
            VariableScope scope = new VariableScope(spec.variables, options.variables, options.environment);
            List<Future<CaseResult>> futures = new ArrayList<>();
            for (TestCase c : cases) {
                futures.add(caseThreads.submit(() -> runCase(c, defaults, factory, run, scope, watchdog)));
            }
            for (Future<CaseResult> f : futures) {
                results.add(f.get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("the run was interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a case could not be run: " + e.getCause().getMessage(), e.getCause());
        } finally {
            caseThreads.shutdownNow();
        }
        Instant finished = Instant.now();
        RunResult result = new RunResult();
        result.suite = suite.getMetadata() == null ? null : suite.getMetadata().getName();
        result.description = spec.description;
        result.startedAt = started.truncatedTo(ChronoUnit.MILLIS).toString();
        result.finishedAt = finished.truncatedTo(ChronoUnit.MILLIS).toString();
        result.durationMs = Duration.between(started, finished).toMillis();
        result.shard = options.shard;
        result.shards = options.shards;
        result.variables = shownVariables(spec.variables);
        result.cases = results;
        result.summary = RunResult.summarize(results);
        result.compliance = ComplianceReport.of(spec.compliance, results);
        return result;
    }

    private CaseResult runCase(TestCase c, SuiteDefaults defaults, StepFactory factory, StepRun.Run run,
                               VariableScope scope, Watchdog watchdog) {
        CaseResult result;
        try {
            Duration timeout = c.timeout != null ? Durations.parse(c.timeout)
                    : defaults.timeout != null ? Durations.parse(defaults.timeout) : DEFAULT_CASE_TIMEOUT;
            int retries = options.retries != null ? options.retries
                    : c.retries != null ? c.retries : defaults.retries != null ? defaults.retries : 0;
            CaseRun caseRun = new CaseRun(c, timeout, factory, run, watchdog);
            long total = 0;
            String startedAt = null;
            int attempt = 0;
            List<Attempt> earlier = new ArrayList<>();
            while (true) {
                attempt++;
                result = caseRun.attempt(attempt, scope.fresh());
                total += result.durationMs;
                startedAt = startedAt == null ? result.startedAt : startedAt;
                if (result.outcome == Outcome.PASSED || attempt > retries) {
                    break;
                }
                earlier.add(Attempt.of(result));
            }
            result.earlierAttempts = earlier.isEmpty() ? null : earlier;
            result.flaky = result.outcome == Outcome.PASSED && attempt > 1;
            result.durationMs = total;
            result.startedAt = startedAt;
        } catch (RuntimeException e) {
            // a case that cannot even start (a bad timeout value, say) is errored; the other cases still run
            result = CaseResult.of(c);
            result.startedAt = Instant.now().toString();
            result.outcome = Outcome.ERRORED;
            result.errorKind = ErrorKind.TEMPLATE;
            result.message = redactor.redact("case " + c.id + ": " + (e.getMessage() == null ? e.toString() : e.getMessage()));
        }
        result.shard = options.shard;
        for (CaseListener l : options.listeners) {
            try {
                l.caseFinished(result);
            } catch (RuntimeException ignored) {
                // a listener (a progress printer, a results pusher) must not stop the run
            }
        }
        return result;
    }

    private Map<String, String> shownVariables(Map<String, String> suiteVariables) {
        Map<String, String> all = new LinkedHashMap<>(suiteVariables);
        all.putAll(options.variables);
        Map<String, String> shown = new LinkedHashMap<>();
        all.forEach((k, v) -> shown.put(k, redactor.shown(k, v)));
        return shown;
    }

    private static ThreadFactory daemons(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
