package dev.itf.runner;

import dev.itf.results.CaseResult;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.itf.runner.CaseListener;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

/**
 * Sends each case result to the operator as it finishes. Retries with exponential backoff within a bound, then gives
 * up on that result (the termination message still carries the summary): a run never waits on the operator for long.
 */
public final class ResultPusher implements CaseListener {
    public static final String ENV_URL = "ITF_RESULTS_URL";
    public static final String ENV_TOKEN = "ITF_RESULTS_TOKEN";

    private final URI url;
    private final String token;
    private final HttpClient http;
    private final ObjectMapper json;
    private final Duration firstBackoff;
    private final Duration budget;
    private final PrintWriter err;
    /** Set once a result could not be sent: later ones get one try each, so a down operator costs the run little time. */
    private volatile boolean unreachable;

    public ResultPusher(URI url, String token, Duration firstBackoff, Duration budget, PrintWriter err) {
        this.url = url;
        this.token = token;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        this.json = new ObjectMapper();
        this.firstBackoff = firstBackoff;
        this.budget = budget;
        this.err = err;
    }

    /** A pusher when ITF_RESULTS_URL and ITF_RESULTS_TOKEN are set, as in a runner Job. */
    public static Optional<ResultPusher> fromEnv(Function<String, String> env, PrintWriter err) {
        String url = env.apply(ENV_URL);
        String token = env.apply(ENV_TOKEN);
        if (url == null || url.isBlank() || token == null || token.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(new ResultPusher(URI.create(url), token, Duration.ofMillis(200), Duration.ofSeconds(30), err));
    }

    @Override
    public void caseFinished(CaseResult result) {
        push(result);
    }

    /** @return whether the operator acknowledged the result */
    public boolean push(CaseResult result) {
        long deadline = System.nanoTime() + (unreachable ? 0 : budget.toNanos());
        Duration backoff = firstBackoff;
        String last;
        while (true) {
            try {
                HttpRequest req = HttpRequest.newBuilder(url)
                        .timeout(Duration.ofSeconds(10))
                        .header("Content-Type", "application/json")
                        .header("Authorization", "Bearer " + token)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(result)))
                        .build();
                HttpResponse<String> res = http.send(req, HttpResponse.BodyHandlers.ofString());
                int code = res.statusCode();
                if (code / 100 == 2) {
                    unreachable = false;
                    return true;
                }
                last = "HTTP " + code;
                if (code / 100 == 4 && code != 408 && code != 429) {
                    // the operator refused this result: sending it again cannot help
                    break;
                }
            } catch (IOException e) {
                last = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                last = "interrupted";
                break;
            }
            if (System.nanoTime() + backoff.toNanos() > deadline) {
                break;
            }
            try {
                Thread.sleep(backoff.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            backoff = backoff.multipliedBy(2).compareTo(Duration.ofSeconds(5)) > 0 ? Duration.ofSeconds(5) : backoff.multipliedBy(2);
        }
        unreachable = true;
        err.println("itf: could not send the result of " + result.caseId + " to " + url.getHost() + " (" + last
                + "); the run's summary still reaches the operator through the termination message");
        err.flush();
        return false;
    }
}
