package dev.itf.runner.security;

import dev.itf.api.SecurityChecks;
import dev.itf.runner.Durations;
import dev.itf.runner.auth.AppliedAuth;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/** A burst of the request, sent from a few threads at once: a 429 must come before the burst ends. */
final class RateLimitCheck {

    static final Duration DEFAULT_WITHIN = Duration.ofSeconds(10);
    private static final int THREADS = 8;

    private RateLimitCheck() {
    }

    static void run(Scan scan, SecurityChecks.RateLimit spec) throws Exception {
        SecurityRequest r = SecurityRequest.parse("rateLimit.request", scan.ctx.render(spec.request));
        int burst = spec.burst == null ? 0 : spec.burst;
        if (burst < 1) {
            throw new IllegalArgumentException("rateLimit.burst must be at least 1");
        }
        Duration within = spec.within == null ? DEFAULT_WITHIN : Durations.parse(spec.within);
        AppliedAuth credentials = spec.auth != null ? scan.auth.applied(spec.auth, scan.ctx) : scan.stepCredentials();
        AtomicInteger sent = new AtomicInteger();
        AtomicInteger limitedAt = new AtomicInteger(-1);
        AtomicBoolean stop = new AtomicBoolean();
        long started = System.nanoTime();
        long deadline = started + within.toNanos();
        Probe quiet = scan.probe.quiet();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(THREADS, burst), t -> {
            Thread th = new Thread(t, "itf-rate-limit");
            th.setDaemon(true);
            return th;
        });
        List<Future<?>> workers = new ArrayList<>();
        try {
            for (int i = 0; i < Math.min(THREADS, burst); i++) {
                workers.add(pool.submit(() -> {
                    while (!stop.get() && System.nanoTime() < deadline) {
                        int n = sent.incrementAndGet();
                        if (n > burst) {
                            return null;
                        }
                        Exchange x = quiet.send(r, credentials, null);
                        if (x.status() == 429) {
                            limitedAt.compareAndSet(-1, n);
                            stop.set(true);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : workers) {
                f.get(Math.max(1, scan.ctx.timeout().toMillis()), TimeUnit.MILLISECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        long tookMs = (System.nanoTime() - started) / 1_000_000;
        int total = Math.min(sent.get(), burst);
        boolean limited = limitedAt.get() > 0;
        String evidence = r + ": " + (limited ? "429 after " + limitedAt.get() + " requests in " + tookMs + " ms"
                : "no 429 in " + total + " requests over " + tookMs + " ms (a burst of " + burst + " within " + Durations.format(within) + ")");
        scan.ctx.log("rate limit " + evidence);
        scan.findings.add("rateLimit", "rateLimit", r, limited, Findings.MEDIUM, evidence);
    }
}
