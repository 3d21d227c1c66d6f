package dev.itf.runner;

import dev.itf.http.Client;
import dev.itf.http.Request;
import dev.itf.http.Response;
import dev.itf.json.Json;
import dev.itf.results.CaseResult;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Sends case results to the operator without slowing the cases: {@link #caseFinished} only queues the result; a
 * sender thread posts what has queued up as one JSON array (one object when a single result waits), retrying with
 * backoff until the operator acknowledges it. At the end of the run {@link #finish()} waits, within a deadline, until
 * every result is acknowledged; what is still unsent then is reported, and the run's summary reaches the operator
 * through the termination message instead. An operator that refuses arrays gets the results one by one.
 */
public final class ResultPusher implements CaseListener, AutoCloseable {
    public static final String ENV_URL = "ITF_RESULTS_URL";
    public static final String ENV_TOKEN = "ITF_RESULTS_TOKEN";

    /** A batch stays well under the operator's default limit of 1 MiB per request. */
    static final int MAX_BATCH_BYTES = 512 * 1024;
    static final int MAX_BATCH_RESULTS = 500;
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    private final URI url;
    private final String token;
    private final Client http;
    private final Duration firstBackoff;
    private final Duration finishWithin;
    private final PrintWriter err;
    private final LinkedBlockingQueue<CaseResult> queue = new LinkedBlockingQueue<>();
    private final Object progress = new Object();
    private final Thread sender;
    /** Results queued and neither acknowledged nor given up on. Guarded by progress. */
    private int pending;
    private int acknowledged;
    private int dropped;
    /** Set by finish: retries stop at this System.nanoTime(); 0 while the run goes on. */
    private volatile long giveUpAt;
    /** Set when the operator refused a batch as not a case result: it predates arrays, so results go one by one. */
    private volatile boolean oneByOne;
    /** Set when the operator refused the token: nothing more can be delivered. */
    private volatile String refused;
    private volatile String lastError;

    /**
     * @param firstBackoff the first wait before sending again after a failure (doubling up to 5 s)
     * @param finishWithin how long {@link #finish()} waits for the operator to acknowledge what is still queued
     */
    public ResultPusher(URI url, String token, Duration firstBackoff, Duration finishWithin, PrintWriter err) {
        this.url = url;
        this.token = token;
        this.http = Client.builder().connectTimeout(Duration.ofSeconds(5)).build();
        this.firstBackoff = firstBackoff;
        this.finishWithin = finishWithin;
        this.err = err;
        this.sender = new Thread(this::send, "itf-result-pusher");
        sender.setDaemon(true);
        sender.start();
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

    /** Queues the result; it is sent in the background. */
    @Override
    public void caseFinished(CaseResult result) {
        synchronized (progress) {
            pending++;
        }
        queue.add(result);
    }

    /**
     * Waits until every queued result is acknowledged, or the deadline passes, then stops sending.
     *
     * @return whether the operator acknowledged every result
     */
    public boolean finish() {
        long deadline = System.nanoTime() + finishWithin.toNanos();
        giveUpAt = deadline;
        synchronized (progress) {
            while (pending > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(progress, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        close();
        int unsent;
        synchronized (progress) {
            unsent = pending;
        }
        if (unsent > 0) {
            tell(unsent + " result(s) still unsent after waiting " + Durations.format(finishWithin), null);
        }
        synchronized (progress) {
            return pending == 0 && dropped == 0;
        }
    }

    /** How many results the operator acknowledged so far. */
    public int acknowledged() {
        synchronized (progress) {
            return acknowledged;
        }
    }

    @Override
    public void close() {
        sender.interrupt();
        http.close();
    }

    private void send() {
        try {
            while (true) {
                CaseResult first = queue.take();
                List<byte[]> batch = new ArrayList<>();
                List<String> ids = new ArrayList<>();
                int bytes = add(first, batch, ids);
                CaseResult next;
                while (!oneByOne && batch.size() < MAX_BATCH_RESULTS && bytes < MAX_BATCH_BYTES && (next = queue.poll()) != null) {
                    bytes += add(next, batch, ids);
                }
                deliver(batch, ids);
            }
        } catch (InterruptedException e) {
            // finish or close: the sender stops
        }
    }

    private static int add(CaseResult r, List<byte[]> batch, List<String> ids) {
        byte[] json;
        try {
            json = Json.MAPPER.writeValueAsBytes(r);
        } catch (IOException e) {
            throw new IllegalStateException("a case result cannot be written as JSON: " + e.getMessage(), e);
        }
        batch.add(json);
        ids.add(r.caseId);
        return json.length;
    }

    /** Sends the batch until it is acknowledged or given up on; splits it when the operator finds it too large. */
    private void deliver(List<byte[]> batch, List<String> ids) throws InterruptedException {
        Duration backoff = firstBackoff;
        while (true) {
            if (refused != null) {
                done(ids, false, refused);
                return;
            }
            int status;
            try {
                Response res = http.send(Request.to(url).timeout(REQUEST_TIMEOUT)
                        .header("Content-Type", "application/json")
                        .header("Authorization", "Bearer " + token)
                        .method("POST", body(batch))
                        .build());
                status = res.status();
            } catch (IOException e) {
                status = -1;
                lastError = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            }
            if (status / 100 == 2) {
                done(ids, true, null);
                return;
            }
            if (status > 0) {
                lastError = "HTTP " + status;
            }
            if (status == 413 && batch.size() > 1) {
                int half = batch.size() / 2;
                deliver(new ArrayList<>(batch.subList(0, half)), new ArrayList<>(ids.subList(0, half)));
                deliver(new ArrayList<>(batch.subList(half, batch.size())), new ArrayList<>(ids.subList(half, ids.size())));
                return;
            }
            if (status == 400 && batch.size() > 1) {
                // an operator that reads one result per request: send these, and every later one, alone
                oneByOne = true;
                for (int i = 0; i < batch.size(); i++) {
                    deliver(List.of(batch.get(i)), List.of(ids.get(i)));
                }
                return;
            }
            if (status == 401 || status == 403) {
                refused = "HTTP " + status;
                done(ids, false, refused);
                return;
            }
            if (status / 100 == 4 && status != 408 && status != 429) {
                // the operator refused these results: sending them again cannot help
                done(ids, false, lastError);
                return;
            }
            long stopAt = giveUpAt;
            if (stopAt != 0 && System.nanoTime() + backoff.toNanos() > stopAt) {
                done(ids, false, lastError);
                return;
            }
            Thread.sleep(backoff.toMillis());
            backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
        }
    }

    private static byte[] body(List<byte[]> batch) {
        if (batch.size() == 1) {
            return batch.get(0);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(batch.stream().mapToInt(b -> b.length + 1).sum() + 2);
        out.write('[');
        for (int i = 0; i < batch.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.writeBytes(batch.get(i));
        }
        out.write(']');
        return out.toByteArray();
    }

    private void done(List<String> ids, boolean delivered, String reason) {
        if (!delivered) {
            // told before finish can see the count change, so the message is out before the run ends
            tell("could not send the result of " + names(ids), reason);
        }
        synchronized (progress) {
            pending -= ids.size();
            if (delivered) {
                acknowledged += ids.size();
            } else {
                dropped += ids.size();
            }
            progress.notifyAll();
        }
    }

    private void tell(String what, String reason) {
        String why = reason != null ? reason : lastError;
        err.println("itf: " + what + " to " + url.getHost() + (why == null ? "" : " (" + why + ")")
                + "; the run's summary still reaches the operator through the termination message");
        err.flush();
    }

    private static String names(List<String> ids) {
        if (ids.size() <= 5) {
            return String.join(", ", ids);
        }
        return String.join(", ", ids.subList(0, 5)) + " and " + (ids.size() - 5) + " more";
    }
}
