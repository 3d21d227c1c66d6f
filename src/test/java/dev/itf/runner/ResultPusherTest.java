package dev.itf.runner;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.itf.json.Json;
import dev.itf.results.CaseResults;
import dev.itf.results.Outcome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/** The pusher against a results endpoint of this test: it stores what it accepts, as the operator does. */
class ResultPusherTest {

    HttpServer server;
    /** Case ids the endpoint stored, in arrival order. */
    final List<String> stored = new CopyOnWriteArrayList<>();
    /** How many results each accepted request carried, negative for a single object. */
    final List<Integer> requests = new CopyOnWriteArrayList<>();
    final List<String> auth = new CopyOnWriteArrayList<>();
    final AtomicInteger calls = new AtomicInteger();
    final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
    final PrintWriter err = new PrintWriter(errBytes, true, StandardCharsets.UTF_8);

    /** Starts the endpoint; answer gives the status for a body (its call number, the parsed body). */
    URI start(Answer answer) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/api/v1/results/team/run", ex -> handle(ex, answer));
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/api/v1/results/team/run");
    }

    interface Answer {
        int status(int call, JsonNode body) throws Exception;
    }

    private void handle(HttpExchange ex, Answer answer) throws IOException {
        byte[] body = ex.getRequestBody().readAllBytes();
        int call = calls.incrementAndGet();
        int code;
        JsonNode json = Json.MAPPER.readTree(body);
        try {
            code = answer.status(call, json);
        } catch (Exception e) {
            code = 500;
        }
        if (code == 200) {
            auth.add(ex.getRequestHeaders().getFirst("Authorization"));
            if (json.isArray()) {
                requests.add(json.size());
                json.forEach(r -> stored.add(r.get("caseId").asText()));
            } else {
                requests.add(-1);
                stored.add(json.get("caseId").asText());
            }
        }
        ex.sendResponseHeaders(code, -1);
        ex.close();
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    ResultPusher pusher(URI url, String token, Duration finishWithin) {
        return new ResultPusher(url, token, Duration.ofMillis(10), finishWithin, err);
    }

    static List<String> ids(int n) {
        List<String> ids = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            ids.add(String.format("API_%03d", i));
        }
        return ids;
    }

    /**
     * Starts an endpoint that holds its first request until release counts down, answering every request by status;
     * sends one result and waits until the endpoint holds it, so the results sent next queue up behind it.
     */
    ResultPusher holdingTheFirstRequest(CountDownLatch release, Function<JsonNode, Integer> status) throws IOException {
        URI url = start((call, body) -> {
            if (call == 1) {
                assertThat(release.await(60, TimeUnit.SECONDS)).isTrue();
            }
            return status.apply(body);
        });
        ResultPusher pusher = pusher(url, "tok", Duration.ofSeconds(60));
        pusher.caseFinished(CaseResults.result("API_000", 1, Outcome.PASSED, null));
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> calls.get() == 1);
        return pusher;
    }

    static void finish(ResultPusher pusher, List<String> ids) {
        ids.forEach(id -> pusher.caseFinished(CaseResults.result(id, 1, Outcome.PASSED, null)));
    }

    @Test
    void casesGoOnWhileTheOperatorIsBusyAndWhatQueuedUpGoesAsOneArray() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        // the first request is held until every case has finished: none of them may wait for it
        ResultPusher pusher = holdingTheFirstRequest(release, body -> 200);
        List<String> rest = ids(120);
        finish(pusher, rest);
        release.countDown();

        assertThat(pusher.finish()).isTrue();
        assertThat(stored).hasSize(121).containsAll(rest).contains("API_000");
        assertThat(requests).hasSize(2).containsExactly(-1, 120);
        assertThat(auth).containsOnly("Bearer tok");
        assertThat(pusher.acknowledged()).isEqualTo(121);
        assertThat(errBytes.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void retriesServerErrorsUntilAcknowledged() throws Exception {
        URI url = start((call, body) -> call <= 3 ? 503 : 200);
        ResultPusher pusher = pusher(url, "tok", Duration.ofSeconds(60));
        finish(pusher, ids(3));

        assertThat(pusher.finish()).isTrue();
        assertThat(stored).containsExactlyInAnyOrderElementsOf(ids(3));
        assertThat(calls.get()).isGreaterThan(3);
    }

    @Test
    void anOperatorThatReadsOneResultPerRequestGetsThemOneByOne() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        ResultPusher pusher = holdingTheFirstRequest(release, body -> body.isArray() ? 400 : 200);
        finish(pusher, ids(10));
        release.countDown();

        assertThat(pusher.finish()).isTrue();
        assertThat(stored).hasSize(11).containsAll(ids(10));
        assertThat(requests).containsOnly(-1);
    }

    @Test
    void aBatchTooLargeForTheOperatorIsSplit() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        ResultPusher pusher = holdingTheFirstRequest(release, body -> body.isArray() && body.size() > 8 ? 413 : 200);
        finish(pusher, ids(40));
        release.countDown();

        assertThat(pusher.finish()).isTrue();
        assertThat(stored).hasSize(41).containsAll(ids(40)).doesNotHaveDuplicates();
        assertThat(requests).allMatch(n -> n <= 8);
    }

    @Test
    void aRefusedTokenEndsSendingAtOnceAndTheMessageSaysWhyWithoutTheToken() throws Exception {
        URI url = start((call, body) -> 403);
        ResultPusher pusher = pusher(url, "wrong-token", Duration.ofSeconds(60));
        finish(pusher, List.of("API_001"));

        assertThat(pusher.finish()).isFalse();
        assertThat(calls.get()).isEqualTo(1);
        assertThat(errBytes.toString(StandardCharsets.UTF_8)).contains("API_001").contains("HTTP 403")
                .contains("termination message").doesNotContain("wrong-token");
    }

    @Test
    void anUnreachableOperatorIsWaitedForOnlyUntilTheDeadline() {
        ResultPusher pusher = pusher(URI.create("http://127.0.0.1:9/api/v1/results/team/run"), "tok", Duration.ofMillis(300));
        finish(pusher, ids(2));

        assertThat(pusher.finish()).isFalse();
        assertThat(pusher.acknowledged()).isZero();
        assertThat(errBytes.toString(StandardCharsets.UTF_8)).contains("127.0.0.1").contains("termination message");
    }

    @Test
    void isOnlyMadeInsideAJob() {
        Function<String, String> none = k -> null;
        assertThat(ResultPusher.fromEnv(none, err)).isEmpty();
        java.util.Optional<ResultPusher> inJob = ResultPusher.fromEnv(Map.of("ITF_RESULTS_URL", "http://x", "ITF_RESULTS_TOKEN", "t")::get, err);
        assertThat(inJob).isPresent();
        inJob.get().close();
    }
}
