package dev.itf.runner.load;

import dev.itf.results.CaseResult;
import dev.itf.results.ErrorKind;
import dev.itf.results.LoadResult;
import dev.itf.results.LoadStats;
import dev.itf.results.Outcome;
import dev.itf.results.StepResult;
import dev.itf.results.RunMerge;
import dev.itf.results.RunResult;
import dev.itf.runner.RunOptions;
import dev.itf.runner.Suites;
import dev.itf.runner.TestServer;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.itf.runner.Suites.only;
import static org.assertj.core.api.Assertions.assertThat;

class LoadStepTest {

    private TestServer server;
    private ServerSocket serial;
    private ExecutorService serialThread;
    private final AtomicInteger calls = new AtomicInteger();

    @BeforeEach
    void start() throws IOException {
        server = TestServer.http()
                .fixed("/ok", 200, "application/json", "{\"ok\":true}")
                .route("/tenth-fails", ex -> TestServer.respond(ex, calls.incrementAndGet() % 10 == 0 ? 503 : 200, "text/plain", "x"))
                .fixed("/broken", 500, "text/plain", "broken");
        // one request at a time, 50 ms each, a connection per request: a server that cannot keep up with 100 arrivals a second
        serial = new ServerSocket(0, 1000, InetAddress.getLoopbackAddress());
        serialThread = Executors.newSingleThreadExecutor();
        serialThread.submit(() -> {
            while (!serial.isClosed()) {
                try (Socket s = serial.accept()) {
                    BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
                    String line;
                    while ((line = in.readLine()) != null && !line.isEmpty()) {
                        // the request head; GET has no body
                    }
                    Thread.sleep(50);
                    s.getOutputStream().write("HTTP/1.1 200 OK\r\nContent-Length: 4\r\nConnection: close\r\n\r\nslow"
                            .getBytes(StandardCharsets.US_ASCII));
                } catch (IOException | InterruptedException e) {
                    // closed by the test's end
                }
            }
            return null;
        });
    }

    @AfterEach
    void stop() {
        server.close();
        try {
            serial.close();
        } catch (IOException ignored) {
            // the test is over
        }
        serialThread.shutdownNow();
    }

    private Map<String, String> vars() {
        return Map.of("base", server.url(), "slow", "http://127.0.0.1:" + serial.getLocalPort());
    }

    private static StepResult loadStep(CaseResult c) {
        return c.steps.stream().filter(s -> s.load != null).findFirst().orElseThrow(() -> new AssertionError("no load result: " + c.message));
    }

    @Test
    void openModelSendsEveryArrivalOfTheMeasuredPeriodAndJudgesThresholds() {
        CaseResult c = only(Suites.run("""
                spec:
                  cases:
                    - id: browse
                      steps:
                        - name: browse under load
                          load:
                            request: {http: {url: "${base}/ok"}}
                            rate: 200/s
                            duration: 2s
                            warmup: 1s
                          expect:
                            status: 2xx
                            thresholds: {p95: 2s, max: 10s, errorRate: 1%, throughput: 150/s, dropped: 0}
                """, vars()));
        LoadResult l = loadStep(c).load;
        assertThat(c.outcome).as(c.message).isEqualTo(Outcome.PASSED);
        assertThat(l.model).isEqualTo("open");
        // arrivals 200 to 599 fall in the measured period (1 s to 3 s after the start); the warm-up's are not counted
        assertThat(l.requests).isEqualTo(400);
        assertThat(l.errors).isZero();
        assertThat(l.dropped).isZero();
        assertThat(l.byStatus).containsEntry("200", 400L);
        assertThat(l.measuredMs).isBetween(1900L, 2100L);
        assertThat(l.latencyMs).containsKeys("min", "mean", "p50", "p90", "p95", "p99", "p99.9", "max");
        Histogram h = LoadStats.decode(l.histogram);
        assertThat(h.getTotalCount()).isEqualTo(400);
        assertThat(l.timeline).isNotEmpty();
        assertThat(l.timeline.stream().mapToLong(s -> s.requests).sum()).isEqualTo(400);
        assertThat(l.thresholds).extracting(t -> t.name).containsExactly("p95", "max", "errorRate", "throughput", "dropped");
        assertThat(l.thresholds).allMatch(t -> Boolean.TRUE.equals(t.passed));
    }

    @Test
    void errorsAreClassifiedAndAFailedThresholdFailsTheStep() {
        CaseResult c = only(Suites.run("""
                spec:
                  cases:
                    - id: errors
                      steps:
                        - load:
                            request: {http: {url: "${base}/tenth-fails"}}
                            rate: 100/s
                            duration: 1s
                          expect:
                            status: 200
                            thresholds: {errorRate: 1%, p50: 1ms}
                """, vars()));
        LoadResult l = loadStep(c).load;
        assertThat(c.outcome).isEqualTo(Outcome.FAILED);
        assertThat(c.errorKind).isEqualTo(ErrorKind.THRESHOLD);
        assertThat(c.message).contains("errorRate 10.00% > 1%");
        assertThat(l.requests).isEqualTo(100);
        assertThat(l.errors).isEqualTo(10);
        assertThat(l.errorsByKind).containsEntry("status", 10L);
        assertThat(l.byStatus).containsEntry("503", 10L).containsEntry("200", 90L);
    }

    @Test
    void theOpenModelMeasuresFromTheIntendedSendTimeSoAStalledServerShows() {
        String yaml = """
                spec:
                  cases:
                    - id: queued
                      steps:
                        - load:
                            request: {http: {url: "${slow}/slow"}}
                            %s
                            duration: 1s
                          expect: {status: 200}
                """;
        LoadResult open = loadStep(only(Suites.run(yaml.formatted("rate: 100/s"), vars()))).load;
        LoadResult closed = loadStep(only(Suites.run(yaml.formatted("vus: 1"), vars()))).load;
        assertThat(closed.model).isEqualTo("closed");
        assertThat(closed.dropped).isNull();
        // a server serving 20 a second with 100 arriving a second: each arrival waits for the ones before it
        assertThat(open.latencyMs.get("p99")).isGreaterThan(500.0);
        assertThat(closed.latencyMs.get("p50")).isLessThan(open.latencyMs.get("p50") / 4);
    }

    @Test
    void arrivalsBeyondMaxInFlightAreDroppedAndCounted() {
        CaseResult c = only(Suites.run("""
                spec:
                  cases:
                    - id: dropping
                      steps:
                        - load:
                            request: {http: {url: "${slow}/slow"}}
                            rate: 100/s
                            duration: 1s
                            maxInFlight: 5
                          expect:
                            thresholds: {dropped: 0}
                """, vars()));
        LoadResult l = loadStep(c).load;
        assertThat(l.dropped).isGreaterThan(50);
        assertThat(l.requests + l.dropped).isBetween(95L, 100L);
        assertThat(c.outcome).isEqualTo(Outcome.FAILED);
        assertThat(c.message).contains("dropped");
    }

    @Test
    void stopWhenEndsTheLoadEarlyAndFailsTheStep() {
        CaseResult c = only(Suites.run("""
                spec:
                  cases:
                    - id: stops
                      timeout: 60s
                      steps:
                        - load:
                            request: {http: {url: "${base}/broken"}}
                            vus: 2
                            duration: 40s
                            stopWhen: {errorRate: 50%, after: 1s}
                          expect: {status: 2xx}
                """, vars()));
        LoadResult l = loadStep(c).load;
        assertThat(c.outcome).isEqualTo(Outcome.FAILED);
        assertThat(c.errorKind).isEqualTo(ErrorKind.THRESHOLD);
        assertThat(c.message).contains("stopWhen.errorRate 50%");
        assertThat(l.stopped).isNotNull();
        assertThat(l.measuredMs).isLessThan(40_000);
        assertThat(l.errorsByKind).containsEntry("status", l.errors);
    }

    @Test
    void eachRequestIsRenderedAnewAndARedirectIsFollowedBeforeTheCheck() {
        java.util.Set<String> ids = java.util.concurrent.ConcurrentHashMap.newKeySet();
        AtomicInteger moved = new AtomicInteger();
        server.route("/moved", ex -> {
            moved.incrementAndGet();
            ids.add(String.valueOf(ex.getRequestHeaders().getFirst("X-Id")));
            ex.getResponseHeaders().add("Location", "/ok");
            TestServer.respond(ex, 302, "text/plain", "");
        });
        CaseResult c = only(Suites.run("""
                spec:
                  cases:
                    - id: moved
                      steps:
                        - load:
                            request: {http: {url: "${base}/moved", headers: {X-Id: "${uuid()}"}}}
                            vus: 2
                            duration: 1s
                          expect: {status: 200}
                """, vars()));
        LoadResult l = loadStep(c).load;
        assertThat(c.outcome).as(c.message).isEqualTo(Outcome.PASSED);
        assertThat(l.requests).isPositive();
        assertThat(l.errors).isZero();
        assertThat(l.byStatus).containsOnlyKeys("200");
        // every request carried its own id: rendered anew each time, not once for the step
        assertThat(ids).hasSize(moved.get());
        assertThat(moved.get()).isGreaterThan(1);
    }

    @Test
    void everyResponseIsCheckedOnItsHeadersAndItsBodyInItsOwnCharset() {
        AtomicInteger n = new AtomicInteger();
        server.route("/alternate", ex -> {
            boolean even = n.incrementAndGet() % 2 == 0;
            byte[] body = (even ? "\u00e9t\u00e9 even" : "\u00e9t\u00e9 odd").getBytes(StandardCharsets.ISO_8859_1);
            ex.getResponseHeaders().set("Content-Type", "text/plain; charset=ISO-8859-1");
            ex.getResponseHeaders().set("X-Half", even ? "yes" : "no");
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
        });
        CaseResult c = only(Suites.run("""
                spec:
                  cases:
                    - id: alternate
                      steps:
                        - load:
                            request: {http: {url: "${base}/alternate"}}
                            rate: 100/s
                            duration: 1s
                          expect:
                            status: 200
                            headers: {X-Half: {equals: "yes"}}
                            body: {contains: "\u00e9t\u00e9 even"}
                """, vars()));
        LoadResult l = loadStep(c).load;
        assertThat(l.requests).isEqualTo(100);
        // every other response fails its header (the first failure names the kind) and its body
        assertThat(l.errors).isEqualTo(50);
        assertThat(l.errorsByKind).containsOnly(Map.entry("headers", 50L));
        assertThat(l.byStatus).containsOnly(Map.entry("200", 100L));
    }

    @Test
    void aRequestThatCannotConnectCountsAsAConnectionError() {
        CaseResult c = only(Suites.run("""
                spec:
                  cases:
                    - id: refused
                      steps:
                        - load:
                            request: {http: {url: "http://127.0.0.1:1/nothing"}}
                            rate: 20/s
                            duration: 1s
                          expect:
                            thresholds: {errorRate: 0%, p95: 1s}
                """, vars()));
        LoadResult l = loadStep(c).load;
        assertThat(l.errorsByKind).containsEntry("connection", 20L);
        assertThat(l.thresholds).filteredOn(t -> t.name.equals("p95")).singleElement()
                .satisfies(t -> {
                    assertThat(t.passed).isFalse();
                    assertThat(t.reason).isEqualTo("no samples");
                });
        assertThat(c.outcome).isEqualTo(Outcome.FAILED);
    }

    @Test
    void aLoadLongerThanTheCaseBudgetIsRefusedNamingTheTimeout() {
        CaseResult c = only(Suites.run("""
                spec:
                  cases:
                    - id: too-long
                      timeout: 2s
                      steps:
                        - load:
                            request: {http: {url: "${base}/ok"}}
                            rate: 10/s
                            duration: 5s
                """, vars()));
        assertThat(c.outcome).isEqualTo(Outcome.ERRORED);
        assertThat(c.message).contains("raise the case's timeout");
    }

    @Test
    void aLoadSplitOverShardsRunsAShareInEachAndMergesIntoOneCase() {
        String yaml = """
                spec:
                  cases:
                    - id: other
                      steps: [{http: {url: "${base}/ok"}}]
                    - id: shared
                      steps:
                        - load:
                            request: {http: {url: "${base}/ok"}}
                            rate: 100/s
                            duration: 1s
                            shards: all
                          expect:
                            thresholds: {throughput: 80/s}
                """;
        List<RunResult> shards = new ArrayList<>();
        for (int shard = 0; shard < 2; shard++) {
            RunOptions o = new RunOptions();
            o.variables.putAll(vars());
            o.shard = shard;
            o.shards = 2;
            shards.add(Suites.run(yaml, o));
        }
        assertThat(shards.get(0).cases).extracting(c -> c.caseId).containsExactly("other", "shared");
        assertThat(shards.get(1).cases).extracting(c -> c.caseId).containsExactly("shared");
        LoadResult share = loadStep(shards.get(1).cases.get(0)).load;
        assertThat(share.requests).isEqualTo(50);
        assertThat(share.shard).isEqualTo(1);
        // a share's 50/s is below the 80/s asked of the whole: the verdict waits for the merge
        assertThat(shards.get(1).cases.get(0).outcome).isEqualTo(Outcome.PASSED);

        RunResult merged = RunMerge.merge(shards);
        CaseResult c = merged.cases.stream().filter(r -> r.caseId.equals("shared")).findFirst().orElseThrow();
        LoadResult l = loadStep(c).load;
        assertThat(l.requests).isEqualTo(100);
        assertThat(l.shardsMerged).isEqualTo(2);
        assertThat(l.thresholds).singleElement().satisfies(t -> assertThat(t.passed).as(t.actual).isTrue());
        assertThat(c.outcome).isEqualTo(Outcome.PASSED);
        assertThat(merged.summary.total).isEqualTo(2);
    }
}
