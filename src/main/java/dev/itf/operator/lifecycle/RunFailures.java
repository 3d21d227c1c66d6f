package dev.itf.operator.lifecycle;

import io.fabric8.kubernetes.client.KubernetesClientException;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;

/**
 * What an exception in a reconcile means for the run. An answer the API server will give again (422 Invalid, 403,
 * 400, 404) ends the run as Error with the server's message; throttling (429), server errors, no answer at all,
 * timeouts and a result store that cannot be reached are retried with exponential backoff, counted per run.
 */
@ApplicationScoped
public class RunFailures {
    /** Condition type while a reconcile step is being retried; removed when a reconcile gets through. */
    public static final String RETRYING = "Retrying";

    private final Duration initial;
    private final Duration max;
    private final Map<String, Integer> attempts = new ConcurrentHashMap<>();

    public RunFailures(@ConfigProperty(name = "itf.retry.initial", defaultValue = "1s") Duration initial,
                       @ConfigProperty(name = "itf.retry.max", defaultValue = "30s") Duration max) {
        this.initial = initial;
        this.max = max;
    }

    /**
     * @param permanent true when trying again cannot help: the run ends as Error
     * @param reason    CamelCase, for the condition
     */
    public record Verdict(boolean permanent, String reason, String message) {
    }

    public static Verdict classify(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ClusterWriter.ObjectRejectedException r) {
                return byCode(r.code(), r.getMessage());
            }
            if (t instanceof KubernetesClientException k) {
                String said = k.getStatus() != null && k.getStatus().getMessage() != null ? k.getStatus().getMessage() : k.getMessage();
                return byCode(k.getCode(), "the API server answered " + (k.getCode() <= 0 ? "nothing" : k.getCode()) + ": " + said);
            }
            if (t instanceof ResultStoreUnavailableException) {
                return new Verdict(false, "ResultStoreUnavailable", t.getMessage());
            }
            if (t instanceof TimeoutException || t instanceof InterruptedIOException) {
                return new Verdict(false, "Timeout", String.valueOf(t.getMessage()));
            }
            if (t instanceof IOException || t instanceof UncheckedIOException) {
                return new Verdict(false, "IoError", String.valueOf(t.getMessage()));
            }
        }
        return new Verdict(true, "ReconcileFailed", e.getClass().getSimpleName() + ": " + e.getMessage());
    }

    private static Verdict byCode(int code, String message) {
        if (code <= 0) {
            // no answer at all (the connection broke, the client is closing as the operator stops): worth trying again
            return new Verdict(false, "ApiServerUnavailable", message);
        }
        return switch (code) {
            case 429 -> new Verdict(false, "ApiServerThrottled", message);
            case 408, 409 -> new Verdict(false, "ApiServerUnavailable", message);
            case 422 -> new Verdict(true, "ObjectInvalid", message);
            case 403 -> new Verdict(true, "Forbidden", message);
            case 404 -> new Verdict(true, "NotFound", message);
            default -> code >= 500 ? new Verdict(false, "ApiServerUnavailable", message) : new Verdict(true, "ObjectRejected", message);
        };
    }

    /** How long to wait before the next try after another transient failure of the run. */
    public Duration backoff(String uid) {
        int n = attempts.merge(uid, 1, Integer::sum);
        long millis = initial.toMillis() << Math.min(n - 1, 20);
        return Duration.ofMillis(Math.min(millis, max.toMillis()));
    }

    /** A reconcile of the run got through: the next failure starts from the shortest wait again. */
    public void recovered(String uid) {
        attempts.remove(uid);
    }

    /** The result store could not be read or written: worth trying again. */
    public static class ResultStoreUnavailableException extends RuntimeException {
        public ResultStoreUnavailableException(String message, IOException cause) {
            super(message, cause);
        }
    }
}
