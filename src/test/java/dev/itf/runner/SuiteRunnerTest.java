package dev.itf.runner;

import dev.itf.results.RunResult;

import dev.itf.results.CaseResult;
import dev.itf.results.Outcome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.itf.runner.Suites.only;
import static org.assertj.core.api.Assertions.assertThat;

class SuiteRunnerTest {

    private TestServer server;
    private final AtomicInteger flakyCalls = new AtomicInteger();
    private final Map<String, AtomicInteger> counters = new ConcurrentHashMap<>();

    @BeforeEach
    void start() throws Exception {
        server = TestServer.http()
                .fixed("/orders", 200, "application/json", "[{\"id\":41,\"status\":\"NEW\"},{\"id\":42,\"status\":\"SHIPPED\"}]")
                .route("/orders/", ex -> TestServer.respond(ex, 200, "application/json",
                        "{\"id\":" + ex.getRequestURI().getPath().substring(8) + "}"))
                .route("/flaky", ex -> TestServer.respond(ex, flakyCalls.incrementAndGet() < 3 ? 503 : 200, "text/plain", "ok"))
                .route("/count/", ex -> {
                    counters.computeIfAbsent(ex.getRequestURI().getPath(), k -> new AtomicInteger()).incrementAndGet();
                    TestServer.respond(ex, 500, "text/plain", "always broken");
                })
                .route("/slow", ex -> {
                    try {
                        Thread.sleep(Long.parseLong(ex.getRequestURI().getQuery().substring(3)));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    TestServer.respond(ex, 200, "text/plain", "slow");
                });
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private Map<String, String> base() {
        return Map.of("base", server.url());
    }

    @Test
    void capturesFlowToLaterStepsAndExpectationsUseTemplates() {
        CaseResult c = only(Suites.run("""
                spec:
                  variables: {ordersUrl: "${base}/orders"}
                  cases:
                    - id: API_001
                      title: list then get
                      steps:
                        - name: list
                          http: {url: "${ordersUrl}"}
                          expect: {status: 200}
                          capture: {firstId: "$[0].id", code: status, type: "header:content-type", raw: body}
                        - name: get
                          http: {url: "${ordersUrl}/${firstId}"}
                          expect: {jsonPath: [{path: $.id, equals: "${firstId}"}], body: {contains: "${firstId}"}}
                """, base()));
        assertThat(c.outcome).as(c.message).isEqualTo(Outcome.PASSED);
        assertThat(server.last().path()).isEqualTo("/orders/41");
        assertThat(c.steps.get(0).log).contains("captured firstId = 41", "captured code = 200", "captured type = application/json");
    }

    @Test
    void bodiesStayInTheLogsOfCasesThatDidNotPassOrWhenFullLogsAreAsked() {
        String suite = """
                spec:
                  cases:
                    - id: PASS
                      title: passes
                      steps:
                        - {name: post, http: {method: POST, url: "${base}/orders", body: {item: book}}, expect: {status: 200}}
                    - id: FAIL
                      title: fails in its second step
                      steps:
                        - {name: post, http: {method: POST, url: "${base}/orders", body: {item: book}}, expect: {status: 200}}
                        - {name: check, http: {url: "${base}/orders"}, expect: {jsonPath: [{path: "$[0].status", equals: GONE}]}}
                """;
        RunOptions lean = new RunOptions();
        lean.variables.putAll(base());
        RunResult r = Suites.run(suite, lean);
        CaseResult passed = r.cases.get(0);
        CaseResult failed = r.cases.get(1);
        String response = "< [{\"id\":41,\"status\":\"NEW\"},{\"id\":42,\"status\":\"SHIPPED\"}]";

        assertThat(passed.outcome).isEqualTo(Outcome.PASSED);
        assertThat(passed.steps.get(0).log).contains("POST " + server.url() + "/orders")
                .anyMatch(l -> l.startsWith("< 200 in "))
                .doesNotContain("> {\"item\":\"book\"}", response);
        assertThat(failed.outcome).isEqualTo(Outcome.FAILED);
        assertThat(failed.steps.get(0).log).as("a passing step of a failed case keeps its bodies")
                .contains("> {\"item\":\"book\"}", response);
        assertThat(failed.steps.get(1).log).contains(response);

        RunOptions full = new RunOptions();
        full.variables.putAll(base());
        full.fullLogs = true;
        assertThat(Suites.run(suite, full).cases.get(0).steps.get(0).log).contains("> {\"item\":\"book\"}", response);
    }

    @Test
    void failedExpectationFailsTheCaseAndSkipsTheRest() {
        CaseResult c = only(Suites.run("""
                spec:
                  cases:
                    - id: API_002
                      title: wrong status
                      steps:
                        - name: list
                          http: {url: "${base}/orders"}
                          expect: {jsonPath: [{path: "$[0].status", equals: SHIPPED}]}
                        - name: never
                          http: {url: "${base}/orders"}
                """, base()));
        assertThat(c.outcome).isEqualTo(Outcome.FAILED);
        assertThat(c.message).isEqualTo("step \"list\": jsonPath $[0].status equals: expected \"SHIPPED\", actual \"NEW\"");
        assertThat(c.steps).extracting(s -> s.outcome).containsExactly(Outcome.FAILED, Outcome.SKIPPED);
        assertThat(server.requests).hasSize(1);
    }

    @Test
    void captureThatFindsNothingFailsTheStep() {
        CaseResult c = only(Suites.run("""
                spec:
                  cases:
                    - id: CAP
                      title: capture
                      steps:
                        - {name: list, http: {url: "${base}/orders"}, capture: {x: "$[5].id"}}
                """, base()));
        assertThat(c.outcome).isEqualTo(Outcome.FAILED);
        assertThat(c.message).isEqualTo("step \"list\": capture x: no value at $[5].id in the response");
    }

    @Test
    void undefinedVariableErrorsTheStepNamingIt() {
        CaseResult c = only(Suites.run("""
                spec:
                  cases:
                    - id: TPL
                      title: template
                      steps:
                        - name: get
                          http: {url: "${base}/orders/${firstId}"}
                        - name: after
                          wait: {duration: 1ms}
                """, base()));
        assertThat(c.outcome).isEqualTo(Outcome.ERRORED);
        assertThat(c.message).isEqualTo("step \"get\": undefined variable \"firstId\"");
        assertThat(c.steps.get(1).outcome).isEqualTo(Outcome.SKIPPED);
        assertThat(server.requests).isEmpty();
    }

    @Test
    void retriesMarkACaseThatPassesLaterAsFlaky() {
        CaseResult c = only(Suites.run("""
                spec:
                  defaults: {retries: 3}
                  cases:
                    - id: FLAKY
                      title: passes on the third try
                      steps:
                        - http: {url: "${base}/flaky"}
                          expect: {status: 200}
                """, base()));
        assertThat(c.outcome).isEqualTo(Outcome.PASSED);
        assertThat(c.flaky).isTrue();
        assertThat(c.attempt).isEqualTo(3);
        assertThat(c.message).isNull();
    }

    @Test
    void runRetriesOverrideSuiteRetriesAndTheLastAttemptIsReported() {
        RunOptions o = new RunOptions();
        o.variables.putAll(base());
        o.retries = 1;
        CaseResult c = only(Suites.run("""
                spec:
                  cases:
                    - id: BROKEN
                      title: always 500
                      retries: 5
                      steps:
                        - http: {url: "${base}/count/broken"}
                          expect: {status: 200}
                """, o));
        assertThat(c.outcome).isEqualTo(Outcome.FAILED);
        assertThat(c.flaky).isFalse();
        assertThat(c.attempt).isEqualTo(2);
        assertThat(counters.get("/count/broken").get()).isEqualTo(2);
        assertThat(c.message).isEqualTo("step \"http 1\": status: expected 200, actual 500");
    }

    @Test
    void caseTimeoutBoundsEverySteps() {
        CaseResult c = only(Suites.run("""
                spec:
                  defaults: {timeout: 5s}
                  cases:
                    - id: SLOW
                      title: slow case
                      timeout: 400ms
                      steps:
                        - name: quick
                          http: {url: "${base}/slow?ms=10"}
                        - name: too slow
                          http: {url: "${base}/slow?ms=3000", timeout: 10s}
                """, base()));
        assertThat(c.outcome).isEqualTo(Outcome.ERRORED);
        assertThat(c.steps.get(0).outcome).isEqualTo(Outcome.PASSED);
        assertThat(c.message).startsWith("step \"too slow\": GET " + server.url() + "/slow?ms=3000: no response within ")
                .matches(".*within [0-9]{1,3}ms$");
        assertThat(c.durationMs).isLessThan(2000);
    }

    @Test
    void waitLongerThanTheCaseTimeoutIsCutAndTheNextCaseRunsUndisturbed() {
        RunResult r = Suites.run("""
                spec:
                  cases:
                    - id: WAIT
                      title: wait
                      timeout: 300ms
                      steps:
                        - {name: short, wait: {duration: 10ms}}
                        - {name: long, wait: {duration: 1h}}
                    - id: NEXT
                      title: runs on the same thread after the cut
                      steps:
                        - {name: pause, wait: {duration: 50ms}}
                """, Map.of());
        CaseResult c = r.cases.get(0);
        assertThat(c.steps.get(0).outcome).isEqualTo(Outcome.PASSED);
        assertThat(c.steps.get(0).log).containsExactly("waited 10ms");
        assertThat(c.outcome).isEqualTo(Outcome.ERRORED);
        assertThat(c.message).matches("step \"long\": timed out after [0-9]+ms \\(the case timeout of 300ms\\)");
        assertThat(c.durationMs).isLessThan(1500);
        assertThat(r.cases.get(1).outcome).as(r.cases.get(1).message).isEqualTo(Outcome.PASSED);
    }

    private static final String TAGGED = """
            spec:
              cases:
                - {id: A, title: a, tags: [smoke], steps: [{wait: {duration: 1ms}}]}
                - {id: B, title: b, tags: [smoke, slow], steps: [{wait: {duration: 1ms}}]}
                - {id: C, title: c, tags: [regression], steps: [{wait: {duration: 1ms}}]}
                - {id: D, title: d, steps: [{wait: {duration: 1ms}}]}
                - {id: E, title: e, tags: [smoke], steps: [{wait: {duration: 1ms}}]}
            """;

    private List<String> ids(RunOptions o) {
        return Suites.run(TAGGED, o).cases.stream().map(c -> c.caseId).toList();
    }

    @Test
    void selectionByTagsExcludedTagsAndIds() {
        RunOptions o = new RunOptions();
        assertThat(ids(o)).containsExactly("A", "B", "C", "D", "E");
        o.tags = List.of("smoke");
        assertThat(ids(o)).containsExactly("A", "B", "E");
        o.excludeTags = List.of("slow");
        assertThat(ids(o)).containsExactly("A", "E");
        o = new RunOptions();
        o.ids = List.of("D", "C");
        assertThat(ids(o)).containsExactly("C", "D");
    }

    @Test
    void shardsSplitTheSelectedCasesWithoutOverlap() {
        List<String> all = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            RunOptions o = new RunOptions();
            o.shard = i;
            o.shards = 3;
            List<String> shard = ids(o);
            all.addAll(shard);
            RunResult r = Suites.run(TAGGED, o);
            assertThat(r.cases).allMatch(c -> c.shard == r.shard);
        }
        RunOptions first = new RunOptions();
        first.shards = 3;
        assertThat(ids(first)).containsExactly("A", "D");
        assertThat(all).containsExactlyInAnyOrder("A", "B", "C", "D", "E");
        RunOptions smoke = new RunOptions();
        smoke.tags = List.of("smoke");
        smoke.shard = 1;
        smoke.shards = 2;
        assertThat(ids(smoke)).containsExactly("B");
    }

    @Test
    void parallelCasesRunAtOnceAndAreReportedInSuiteOrder() throws Exception {
        CountDownLatch allArrived = new CountDownLatch(4);
        server.route("/together", ex -> {
            allArrived.countDown();
            try {
                // answers only once four requests are in flight together: proves the cases overlap
                boolean together = allArrived.await(5, TimeUnit.SECONDS);
                TestServer.respond(ex, together ? 200 : 504, "text/plain", "ok");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        List<String> finished = Collections.synchronizedList(new ArrayList<>());
        RunOptions o = new RunOptions();
        o.variables.putAll(base());
        o.parallel = 4;
        o.listeners.add(r -> finished.add(r.caseId));
        RunResult r = Suites.run("""
                spec:
                  cases:
                    - {id: P1, title: p1, steps: [{wait: {duration: 300ms}}, {http: {url: "${base}/together"}, expect: {status: 200}}]}
                    - {id: P2, title: p2, steps: [{wait: {duration: 200ms}}, {http: {url: "${base}/together"}, expect: {status: 200}}]}
                    - {id: P3, title: p3, steps: [{wait: {duration: 100ms}}, {http: {url: "${base}/together"}, expect: {status: 200}}]}
                    - {id: P4, title: p4, steps: [{http: {url: "${base}/together"}, expect: {status: 200}}]}
                """, o);
        assertThat(r.cases).extracting(c -> c.caseId).containsExactly("P1", "P2", "P3", "P4");
        assertThat(r.cases).allMatch(c -> c.outcome == Outcome.PASSED);
        assertThat(finished).containsExactlyInAnyOrder("P1", "P2", "P3", "P4");
        assertThat(r.summary.total).isEqualTo(4);
        assertThat(r.summary.passed).isEqualTo(4);
    }

    @Test
    void listenersHearEveryCaseOnceWithItsFinalAttempt() {
        List<CaseResult> heard = Collections.synchronizedList(new ArrayList<>());
        RunOptions o = new RunOptions();
        o.variables.putAll(base());
        o.listeners.add(heard::add);
        o.listeners.add(r -> {
            throw new IllegalStateException("a broken listener");
        });
        RunResult r = Suites.run("""
                spec:
                  cases:
                    - {id: L1, title: l1, retries: 1, steps: [{http: {url: "${base}/count/l1"}, expect: {status: 200}}]}
                    - {id: L2, title: l2, steps: [{wait: {duration: 1ms}}]}
                """, o);
        assertThat(heard).extracting(c -> c.caseId + "/" + c.attempt).containsExactlyInAnyOrder("L1/2", "L2/1");
        assertThat(r.summary.failed).isEqualTo(1);
        assertThat(r.summary.passed).isEqualTo(1);
    }

    @Test
    void caseThatCannotStartErrorsAndTheOthersStillRun() {
        RunResult r = Suites.run("""
                spec:
                  cases:
                    - {id: BAD, title: bad timeout, timeout: soon, steps: [{wait: {duration: 1ms}}]}
                    - {id: GOOD, title: good, steps: [{wait: {duration: 1ms}}]}
                """, Map.of());
        assertThat(r.cases).extracting(c -> c.outcome).containsExactly(Outcome.ERRORED, Outcome.PASSED);
        assertThat(r.cases.get(0).message)
                .isEqualTo("case BAD: bad duration \"soon\": use a number with ms, s, m or h, e.g. 500ms, 30s, 1h30m");
    }
}
