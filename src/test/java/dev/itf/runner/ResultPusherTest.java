package dev.itf.runner;

import dev.itf.results.CaseResults;

import dev.itf.results.Outcome;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class ResultPusherTest {
    HttpServer server;
    final List<String> bodies = new CopyOnWriteArrayList<>();
    final List<String> auth = new CopyOnWriteArrayList<>();

    URI start(int failFirst, int status) throws Exception {
        AtomicInteger calls = new AtomicInteger();
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/v1/results/team/run", ex -> {
            byte[] body = ex.getRequestBody().readAllBytes();
            int n = calls.incrementAndGet();
            int code = n <= failFirst ? status : 200;
            if (code == 200) {
                bodies.add(new String(body, StandardCharsets.UTF_8));
                auth.add(ex.getRequestHeaders().getFirst("Authorization"));
            }
            ex.sendResponseHeaders(code, -1);
            ex.close();
        });
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/api/v1/results/team/run");
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void retriesAServerErrorAndSendsTheBearerToken() throws Exception {
        URI url = start(2, 503);
        ResultPusher pusher = new ResultPusher(url, "tok", Duration.ofMillis(10), Duration.ofSeconds(5), new java.io.PrintWriter(System.err));
        assertThat(pusher.push(CaseResults.result("API_001", 1, Outcome.PASSED, null))).isTrue();
        assertThat(bodies).hasSize(1);
        assertThat(bodies.get(0)).contains("\"caseId\":\"API_001\"");
        assertThat(auth).containsExactly("Bearer tok");
    }

    @Test
    void givesUpOnARefusalAtOnceAndSaysWhy() throws Exception {
        URI url = start(100, 403);
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        ResultPusher pusher = new ResultPusher(url, "wrong", Duration.ofMillis(10), Duration.ofSeconds(5),
                new java.io.PrintWriter(err, true, StandardCharsets.UTF_8));
        long start = System.nanoTime();
        assertThat(pusher.push(CaseResults.result("API_001", 1, Outcome.PASSED, null))).isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("API_001").contains("HTTP 403").doesNotContain("wrong");
    }

    @Test
    void boundsTheTimeSpentOnAnUnreachableOperator() {
        ResultPusher pusher = new ResultPusher(URI.create("http://127.0.0.1:9/api/v1/results/team/run"), "tok",
                Duration.ofMillis(20), Duration.ofMillis(300), new java.io.PrintWriter(new ByteArrayOutputStream()));
        long start = System.nanoTime();
        assertThat(pusher.push(CaseResults.result("A", 1, Outcome.PASSED, null))).isFalse();
        assertThat(pusher.push(CaseResults.result("B", 1, Outcome.PASSED, null))).isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void isOnlyMadeInsideAJob() {
        assertThat(ResultPusher.fromEnv(k -> null, new java.io.PrintWriter(System.err))).isEmpty();
        assertThat(ResultPusher.fromEnv(Map.of("ITF_RESULTS_URL", "http://x", "ITF_RESULTS_TOKEN", "t")::get, new java.io.PrintWriter(System.err))).isPresent();
    }
}
