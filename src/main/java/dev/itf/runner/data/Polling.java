package dev.itf.runner.data;

import dev.itf.runner.Durations;
import dev.itf.runner.StepContext;
import dev.itf.runner.StepResponse;

import java.time.Duration;

/**
 * Re-runs a query or command until the step's expectations hold or {@code within} passes, for data that becomes
 * consistent a little after the step that caused it. The last response is returned either way, so the engine
 * reports the expectation that still failed with its actual value.
 */
final class Polling {

    static final Duration INTERVAL = Duration.ofMillis(200);

    interface Attempt {
        StepResponse run() throws Exception;
    }

    private Polling() {
    }

    /**
     * @param within the step's {@code within}, or null to run once
     */
    static StepResponse run(StepContext ctx, String within, Attempt attempt) throws Exception {
        long start = System.nanoTime();
        if (within == null) {
            return timed(attempt.run(), start);
        }
        Duration limit = Durations.parse(ctx.render(within));
        if (ctx.timeout().compareTo(limit) < 0) {
            limit = ctx.timeout();
        }
        long deadline = start + limit.toNanos();
        int attempts = 0;
        while (true) {
            StepResponse response = attempt.run();
            attempts++;
            if (ctx.check(response).isEmpty()) {
                if (attempts > 1) {
                    ctx.log("expectations held on attempt " + attempts);
                }
                return timed(response, start);
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                ctx.log("expectations still failed after " + attempts + " attempts within " + within);
                return timed(response, start);
            }
            Thread.sleep(Math.max(1, Math.min(INTERVAL.toMillis(), left / 1_000_000)));
        }
    }

    /** The step's duration covers every attempt, so maxDuration bounds the whole wait. */
    private static StepResponse timed(StepResponse r, long start) {
        return new StepResponse(r.status(), r.headers(), r.body(), r.json(), Duration.ofNanos(System.nanoTime() - start));
    }
}
