package dev.itf.demo;

import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;

/**
 * GET /latency: answers after a random delay whose distribution the caller sets, so load step thresholds can be tried
 * without a service of one's own. The delay is log-normal (as service latencies roughly are) with the given median
 * (?p50=MS) and 99th percentile (?p99=MS); ?errors=PERCENT of the answers are 500s.
 */
final class LatencyEndpoint {

    static final String PATH = "/latency";
    /** The z-score of the 99th percentile of a standard normal distribution. */
    private static final double Z99 = 2.3263;

    void handle(HttpExchange exchange) throws IOException {
        Map<String, String> q = Reply.query(exchange);
        double p50;
        double p99;
        double errors;
        try {
            p50 = Double.parseDouble(q.getOrDefault("p50", "20"));
            p99 = Double.parseDouble(q.getOrDefault("p99", "100"));
            errors = Double.parseDouble(q.getOrDefault("errors", "0"));
        } catch (NumberFormatException e) {
            Reply.error(exchange, 400, "p50, p99 and errors must be numbers: p50 and p99 milliseconds, errors a percentage");
            return;
        }
        if (!(p50 > 0) || p99 < p50 || p99 > ProbeEndpoints.MAX_SLOW_MS || errors < 0 || errors > 100) {
            Reply.error(exchange, 400, "need 0 < p50 <= p99 <= " + ProbeEndpoints.MAX_SLOW_MS + " (milliseconds) and 0 <= errors <= 100 (percent)");
            return;
        }
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long delay = delayMs(p50, p99, random);
        try {
            Thread.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("delayMs", delay);
        if (random.nextDouble() * 100 < errors) {
            body.put("error", "an error answered on purpose (errors=" + q.get("errors") + ")");
            Reply.json(exchange, 500, body);
        } else {
            Reply.json(exchange, 200, body);
        }
    }

    /** A delay drawn from the log-normal distribution with median p50 and 99th percentile p99, in whole milliseconds. */
    static long delayMs(double p50, double p99, Random random) {
        double sigma = Math.log(p99 / p50) / Z99;
        double ms = p50 * Math.exp(sigma * random.nextGaussian());
        return Math.min(ProbeEndpoints.MAX_SLOW_MS, Math.round(ms));
    }
}
