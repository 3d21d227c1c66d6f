package dev.itf.runner.load;

import com.fasterxml.jackson.databind.JsonNode;
import dev.itf.api.LoadAction;
import dev.itf.api.SecretKeyRef;
import dev.itf.api.Step;
import dev.itf.api.TestCase;
import dev.itf.results.ErrorKind;
import dev.itf.results.LoadResult;
import dev.itf.results.LoadThresholds;
import dev.itf.results.StepResult;
import dev.itf.runner.Durations;
import dev.itf.runner.MeasuringStep;
import dev.itf.runner.Redactor;
import dev.itf.runner.RunResources;
import dev.itf.runner.StepAction;
import dev.itf.runner.StepContext;
import dev.itf.runner.StepErrorKind;
import dev.itf.runner.StepFailure;
import dev.itf.runner.StepResponse;
import dev.itf.runner.expect.ExpectationFailure;
import dev.itf.runner.http.HttpStep;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * A load step (SPEC §6): sends its request at an arrival rate (open model: latency from the intended send time, so a
 * stalled server shows in the percentiles) or from virtual users (closed model: from the actual send time), checks
 * every response against the step's expectations, and judges the thresholds on what it measured.
 */
public final class LoadStep implements MeasuringStep {

    /** A request's own time limit when the step's request sets none. */
    static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(30);
    static final String RESOURCES_NOT_MEASURED = "not measured: the resource usage of pods is read from the kubelet in a cluster only";
    private static final int LOGGED_ERRORS = 5;

    private final Step step;
    private final StepAction request;
    private final int share;
    private final int shares;
    private final Duration requestTimeout;
    private final AtomicLong inFlight = new AtomicLong();
    private final Set<String> loggedErrors = ConcurrentHashMap.newKeySet();
    private volatile boolean sending;
    private volatile String stopped;
    private LoadResult result;
    private volatile StepContext stepContext;
    /** The step's expectations, ready for every response of the load. */
    private volatile Function<StepResponse, List<ExpectationFailure>> responseCheck;

    /**
     * @param request the request's action (an http or graphql step)
     * @param shard   this runner's shard; with shares > 1 it is also its share of the load
     * @param shares  how many runners share this load (1: this one alone)
     */
    public LoadStep(Step step, StepAction request, int shard, int shares) {
        this.step = step;
        this.request = request;
        this.share = shares > 1 ? shard : 0;
        this.shares = Math.max(1, shares);
        String own = step.load.request == null ? null
                : step.load.request.http != null ? step.load.request.http.timeout
                : step.load.request.graphql != null ? step.load.request.graphql.timeout : null;
        Duration parsed = own == null ? null : Durations.parse(own);
        this.requestTimeout = parsed == null ? DEFAULT_REQUEST_TIMEOUT : parsed;
    }

    /** How many of {@code runnerShards} runner Jobs share the load of a step: its shards setting, at most the runners. */
    public static int shares(LoadAction load, int runnerShards) {
        if (load == null || load.shards == null) {
            return 1;
        }
        int wanted = load.shards.equals("all") ? runnerShards : parseOr1(load.shards);
        return Math.max(1, Math.min(wanted, runnerShards));
    }

    /** The most runner Jobs a load step of the case is split over (1 when none is). */
    public static int shares(TestCase c, int runnerShards) {
        int most = 1;
        for (Step s : c.steps == null ? List.<Step>of() : c.steps) {
            if (s != null && s.load != null) {
                most = Math.max(most, shares(s.load, runnerShards));
            }
        }
        return most;
    }

    private static int parseOr1(String s) {
        try {
            return Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    @Override
    public StepResponse execute(StepContext ctx) throws Exception {
        LoadPlan plan = LoadPlan.of(step.load, share, shares);
        List<LoadThresholds.Limit> limits = LoadThresholds.parse(step.expect == null ? null : step.expect.thresholds);
        Duration lasts = Duration.ofMillis(Math.round(plan.totalSeconds * 1000));
        if (ctx.timeout().compareTo(lasts.plusSeconds(1)) < 0) {
            throw new IllegalArgumentException("the load lasts " + Durations.format(lasts) + " (warm-up included) but only "
                    + Durations.format(ctx.timeout()) + " of the case's time budget is left: raise the case's timeout");
        }
        stepContext = ctx;
        long budgetEnd = System.nanoTime() + ctx.timeout().toNanos();
        StepContext perRequest = new RequestContext(ctx, requestTimeout);
        responseCheck = perRequest.responseCheck();
        // the event loop is set up before the load's clock starts: loading its classes on a busy machine takes seconds
        EventLoopSender loop = EventLoopSender.suits(request, ctx)
                ? new EventLoopSender((HttpStep) request, perRequest, requestTimeout, inFlight) : null;
        long start = System.nanoTime();
        Instant startedAt = Instant.now();
        long measuredFrom = start + Math.round(plan.warmupSeconds * 1e9);
        long end = start + Math.round(plan.totalSeconds * 1e9);
        LoadRecorder recorder = new LoadRecorder(measuredFrom, inFlight::get);
        sending = true;
        Thread ticker = ticker(recorder, measuredFrom);
        List<Thread> workers = new ArrayList<>();
        long sentUntil;
        try {
            if (loop != null) {
                BooleanSupplier running = () -> sending && stopped == null;
                EventLoopSender.Outcomes outcomes = outcomes(perRequest, recorder);
                sentUntil = plan.open ? loop.open(plan, start, end, running, recorder, outcomes) : loop.closed(plan, start, end, running, outcomes);
            } else if (plan.open) {
                sentUntil = new OpenModel(plan, start, end, () -> sending && stopped == null, recorder, workers,
                        intended -> send(perRequest, recorder, intended, intended)).run(inFlight);
            } else {
                sentUntil = closed(plan, start, end, perRequest, recorder, workers);
            }
        } finally {
            sending = false;
            ticker.interrupt();
            long drainUntil = Math.min(budgetEnd - TimeUnit.MILLISECONDS.toNanos(500), System.nanoTime() + requestTimeout.toNanos() + TimeUnit.SECONDS.toNanos(1));
            if (loop != null) {
                loop.close(drainUntil);
            }
            for (Thread w : workers) {
                long left = drainUntil - System.nanoTime();
                if (left > 0) {
                    w.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
                }
                if (w.isAlive()) {
                    w.interrupt();
                }
            }
            ticker.join(1000);
        }
        recorder.tick();
        long measuredNanos = Math.max(0, sentUntil - measuredFrom);
        LoadResult r = recorder.result(plan.open ? "open" : "closed", measuredNanos, plan.open);
        r.stopped = stopped;
        r.measuredFrom = startedAt.plusNanos(measuredFrom - start).toString();
        if (shares > 1) {
            r.shard = share;
            r.shards = shares;
        }
        LoadThresholds.judge(r, limits, RESOURCES_NOT_MEASURED);
        result = r;
        ctx.log(summary(r, plan));
        if (stopped != null) {
            throw new StepFailure(ErrorKind.THRESHOLD, stopped);
        }
        String failed = LoadThresholds.failures(r);
        if (shares > 1) {
            ctx.log("share " + (share + 1) + " of " + shares + ": the thresholds are judged on the merged measurements of every share");
        } else if (failed != null) {
            throw new StepFailure(ErrorKind.THRESHOLD, failed);
        }
        return null;
    }

    @Override
    public void report(StepResult sr) {
        sr.load = result;
    }

    /** Closed model: each active virtual user sends its next request when its last one returned. */
    private long closed(LoadPlan plan, long start, long end, StepContext ctx, LoadRecorder recorder, List<Thread> workers) throws InterruptedException {
        int users = plan.maxUsers();
        for (int u = 0; u < users; u++) {
            int index = u;
            Thread t = new Thread(() -> {
                while (sending && stopped == null) {
                    long now = System.nanoTime();
                    if (now - end >= 0) {
                        return;
                    }
                    if (index >= plan.activeUsers((now - start) / 1e9)) {
                        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
                        continue;
                    }
                    inFlight.incrementAndGet();
                    send(ctx, recorder, now, now);
                    inFlight.decrementAndGet();
                }
            }, "itf-load-vu-" + u);
            t.setDaemon(true);
            workers.add(t);
            t.start();
        }
        while (stopped == null) {
            long left = end - System.nanoTime();
            if (left <= 0) {
                break;
            }
            LockSupport.parkNanos(Math.min(left, TimeUnit.MILLISECONDS.toNanos(50)));
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
        }
        long sentUntil = Math.min(System.nanoTime(), end);
        sending = false;
        return sentUntil;
    }

    /** Sends one request and records it; latency counts from {@code from} (the intended time in the open model). */
    void send(StepContext ctx, LoadRecorder recorder, long sendTime, long from) {
        try {
            StepResponse response = request.execute(ctx);
            checked(recorder, sendTime, System.nanoTime() - from, response);
        } catch (Exception e) {
            if (e instanceof InterruptedException || Thread.currentThread().isInterrupted()) {
                Thread.currentThread().interrupt();
                return;
            }
            failed(recorder, sendTime, e);
        }
    }

    /** Checks a response against the step's expectations and records it. */
    private void checked(LoadRecorder recorder, long sendTime, long took, StepResponse response) {
        List<ExpectationFailure> failures = responseCheck.apply(response);
        String kind = failures.isEmpty() ? null : failures.get(0).kind().id();
        int status = response.status() == null ? 0 : response.status();
        if (kind != null) {
            logError(kind, failures.get(0).message());
        }
        recorder.response(sendTime, took, status, kind);
    }

    private void failed(LoadRecorder recorder, long sendTime, Throwable e) {
        String kind = StepErrorKind.of(e).id();
        logError(kind, e.getMessage());
        recorder.failure(sendTime, kind);
    }

    private EventLoopSender.Outcomes outcomes(StepContext ctx, LoadRecorder recorder) {
        return new EventLoopSender.Outcomes() {
            @Override
            public void response(long sendTime, long took, StepResponse response) {
                checked(recorder, sendTime, took, response);
            }

            @Override
            public void failure(long sendTime, Throwable error) {
                failed(recorder, sendTime, error);
            }

            @Override
            public void blocking(long sendTime, long from) {
                send(ctx, recorder, sendTime, from);
            }
        };
    }

    private void logError(String kind, String message) {
        if (loggedErrors.size() < LOGGED_ERRORS && loggedErrors.add(kind + ": " + message)) {
            stepContext.log("error (" + kind + "): " + message);
        }
    }

    /** Ends a second of the timeline every second of the measured period, and stops the load when stopWhen says so. */
    private Thread ticker(LoadRecorder recorder, long measuredFrom) {
        LoadAction.StopWhen when = step.load.stopWhen;
        double limit = when == null ? Double.NaN : Double.parseDouble(when.errorRate.replace("%", "").trim()) / 100;
        Double afterMs = when == null || when.after == null ? 5000.0 : LoadThresholds.millis(when.after);
        Thread t = new Thread(() -> {
            for (long second = 1; sending; second++) {
                long due = measuredFrom + second * 1_000_000_000L;
                long left;
                while ((left = due - System.nanoTime()) > 0 && sending) {
                    LockSupport.parkNanos(left);
                    if (Thread.currentThread().isInterrupted()) {
                        return;
                    }
                }
                if (!sending) {
                    return;
                }
                recorder.tick();
                long requests = recorder.requests();
                if (!Double.isNaN(limit) && second * 1000 >= afterMs && requests > 0) {
                    double rate = recorder.errors() / (double) requests;
                    if (rate > limit) {
                        stopped = String.format(Locale.ROOT, "stopped after %ds of the measured period: error rate %.2f%% exceeds stopWhen.errorRate %s",
                                second, rate * 100, when.errorRate);
                        return;
                    }
                }
            }
        }, "itf-load-ticker");
        t.setDaemon(true);
        t.start();
        return t;
    }

    private String summary(LoadResult r, LoadPlan plan) {
        StringBuilder b = new StringBuilder();
        b.append(plan.open ? "open model" : "closed model").append(": ").append(r.requests).append(" requests, ")
                .append(r.errors).append(" errors");
        if (r.dropped != null) {
            b.append(", ").append(r.dropped).append(" dropped");
        }
        b.append(" in ").append(r.measuredMs).append(" ms");
        if (r.throughput != null) {
            b.append(String.format(Locale.ROOT, " (%.1f/s)", r.throughput));
        }
        Double p95 = r.latencyMs.get("p95");
        if (p95 != null) {
            b.append(", p95 ").append(p95).append(" ms");
        }
        return b.toString();
    }

    /** What one request of the load sees: the step's variables and secrets, its own timeout, and no per-request log. */
    private static final class RequestContext implements StepContext {
        private final StepContext step;
        private final Duration timeout;

        RequestContext(StepContext step, Duration timeout) {
            this.step = step;
            this.timeout = timeout;
        }

        @Override
        public String render(String template) {
            return step.render(template);
        }

        @Override
        public JsonNode render(JsonNode node) {
            return step.render(node);
        }

        @Override
        public Duration timeout() {
            return timeout;
        }

        @Override
        public RunResources resources() {
            return step.resources();
        }

        @Override
        public String secret(SecretKeyRef ref, String defaultKey) {
            return step.secret(ref, defaultKey);
        }

        @Override
        public List<String> check(StepResponse response) {
            return step.check(response);
        }

        @Override
        public List<ExpectationFailure> failures(StepResponse response) {
            return step.failures(response);
        }

        @Override
        public Function<StepResponse, List<ExpectationFailure>> responseCheck() {
            return step.responseCheck();
        }

        @Override
        public void log(String line) {
            // thousands of requests: the step logs its summary and its first errors instead
        }

        @Override
        public void logBody(String prefix, String body) {
        }

        @Override
        public Redactor redactor() {
            return step.redactor();
        }
    }
}
