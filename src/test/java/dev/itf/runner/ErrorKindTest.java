package dev.itf.runner;

import dev.itf.api.Severity;
import dev.itf.results.CaseResult;
import dev.itf.results.ErrorKind;
import dev.itf.results.Outcome;
import dev.itf.results.RunResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** Every failed or errored case carries the kind of what went wrong, decided where the step failed. */
class ErrorKindTest {

    private TestServer http;
    private TestServer https;
    private final CountDownLatch release = new CountDownLatch(1);
    private final AtomicInteger flakyCalls = new AtomicInteger();

    @BeforeEach
    void servers() throws Exception {
        http = TestServer.http()
                .fixed("/orders", 200, "application/json", "[{\"id\":1,\"status\":\"NEW\"}]")
                .route("/slow", ex -> {
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                })
                .route("/flaky", ex -> TestServer.respond(ex, flakyCalls.incrementAndGet() == 1 ? 503 : 200, "text/plain", "x"));
        https = TestServer.https().fixed("/", 200, "text/plain", "hi");
    }

    @AfterEach
    void stop() {
        release.countDown();
        http.close();
        https.close();
    }

    @Test
    void failuresAndErrorsNameTheirKind() {
        String subject = "itf.kinds." + UUID.randomUUID();
        String suite = """
                spec:
                  cases:
                    - {id: STATUS, title: s, steps: [{http: {url: "${base}/orders"}, expect: {status: 201}}]}
                    - {id: CAPTURE, title: c, steps: [{http: {url: "${base}/orders"}, capture: {x: "$[0].missing"}}]}
                    - {id: CONNECTION, title: c, steps: [{http: {url: "http://127.0.0.1:1/"}}]}
                    - {id: DNS, title: d, steps: [{http: {url: "http://no-such-host.invalid/"}}]}
                    - {id: TLS, title: t, steps: [{http: {url: "${secure}/"}}]}
                    - {id: TIMEOUT, title: t, steps: [{http: {url: "${base}/slow", timeout: 300ms}}]}
                    - {id: TEMPLATE, title: t, steps: [{http: {url: "${base}/${nothing}"}}]}
                    - {id: AUTH, title: a, steps: [{http: {url: "${base}/orders", auth: nobody}}]}
                    - id: PROTOCOL
                      title: p
                      steps: [{sql: {uri: "postgresql://postgres@127.0.0.1:5432/test", query: "select * from itf_no_such_table_%s"}}]
                    - id: MESSAGE
                      title: m
                      steps: [{expectMessage: {uri: "nats://127.0.0.1:4222", destination: "%s", within: 300ms}}]
                    - id: FLAKY
                      title: passes on the retry
                      severity: high
                      owner: team-orders
                      links: [{name: ORD-1, url: "https://tracker.example.com/ORD-1"}]
                      controls: ["gdpr:art17"]
                      retries: 1
                      steps: [{http: {url: "${base}/flaky"}, expect: {status: 200}}]
                """.formatted(UUID.randomUUID().toString().replace("-", ""), subject);
        RunResult result = Suites.run(suite, Map.of("base", http.url(), "secure", https.url()));
        Map<String, CaseResult> byId = result.cases.stream().collect(Collectors.toMap(c -> c.caseId, Function.identity()));

        assertThat(byId.get("STATUS").errorKind).isEqualTo(ErrorKind.STATUS);
        assertThat(byId.get("STATUS").steps.get(0).errorKind).isEqualTo(ErrorKind.STATUS);
        assertThat(byId.get("CAPTURE").errorKind).isEqualTo(ErrorKind.JSON_PATH);
        assertThat(byId.get("CONNECTION").errorKind).isEqualTo(ErrorKind.CONNECTION);
        assertThat(byId.get("DNS").errorKind).isEqualTo(ErrorKind.DNS);
        assertThat(byId.get("TLS").errorKind).isEqualTo(ErrorKind.TLS);
        assertThat(byId.get("TIMEOUT").errorKind).isEqualTo(ErrorKind.TIMEOUT);
        assertThat(byId.get("TEMPLATE").errorKind).isEqualTo(ErrorKind.TEMPLATE);
        assertThat(byId.get("AUTH").errorKind).isEqualTo(ErrorKind.AUTH);
        assertThat(byId.get("PROTOCOL").errorKind).isEqualTo(ErrorKind.PROTOCOL);
        assertThat(byId.get("MESSAGE").errorKind).isEqualTo(ErrorKind.MESSAGE);
        assertThat(byId.get("MESSAGE").outcome).isEqualTo(Outcome.FAILED);
        assertThat(result.cases).filteredOn(c -> c.outcome == Outcome.ERRORED)
                .allSatisfy(c -> assertThat(c.errorKind.expectation()).as(c.caseId).isFalse());

        CaseResult flaky = byId.get("FLAKY");
        assertThat(flaky.outcome).isEqualTo(Outcome.PASSED);
        assertThat(flaky.flaky).isTrue();
        assertThat(flaky.errorKind).isNull();
        assertThat(flaky.attempt).isEqualTo(2);
        assertThat(flaky.earlierAttempts).singleElement().satisfies(a -> {
            assertThat(a.attempt).isEqualTo(1);
            assertThat(a.outcome).isEqualTo(Outcome.FAILED);
            assertThat(a.errorKind).isEqualTo(ErrorKind.STATUS);
            assertThat(a.message).contains("503");
        });
        assertThat(flaky.severity).isEqualTo(Severity.HIGH);
        assertThat(flaky.owner).isEqualTo("team-orders");
        assertThat(flaky.links).singleElement().satisfies(l -> assertThat(l.url).isEqualTo("https://tracker.example.com/ORD-1"));
        assertThat(flaky.controls).containsExactly("gdpr:art17");
        assertThat(byId.get("STATUS").severityOrDefault()).isEqualTo(Severity.MEDIUM);
    }
}
