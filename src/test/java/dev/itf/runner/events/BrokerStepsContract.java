package dev.itf.runner.events;

import dev.itf.json.Json;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.itf.api.ExpectMessageAction;
import dev.itf.api.PublishAction;
import dev.itf.runner.OpenSockets;
import dev.itf.runner.Redactor;
import dev.itf.runner.RunResources;
import dev.itf.runner.StepAction;
import dev.itf.runner.StepFailure;
import dev.itf.runner.StepResponse;
import dev.itf.runner.TestStepContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/** What publish and expectMessage must do on every broker; each broker's test supplies its URI and destinations. */
abstract class BrokerStepsContract {

    static final ObjectMapper YAML = Json.YAML;

    RunResources resources;
    Redactor redactor;
    TestStepContext ctx;
    String destination;

    /** The broker's URI, e.g. amqp://guest:guest@127.0.0.1:5672. */
    abstract String uri();

    /** The same URI scheme pointing at a port nothing listens on. */
    abstract String unreachableUri(int port);

    /** A fresh destination that both publish and expectMessage can name. */
    abstract String newDestination(String unique);

    @BeforeEach
    void open() {
        resources = new RunResources();
        redactor = new Redactor();
        ctx = new TestStepContext(resources, redactor).var("components.events.uri", uri());
        destination = newDestination(UUID.randomUUID().toString().substring(0, 8));
        ctx.var("orderId", "o-" + UUID.randomUUID().toString().substring(0, 6));
    }

    @AfterEach
    void close() {
        resources.close();
        assertThat(resources.open()).isZero();
    }

    static <T> T yaml(Class<T> type, String yaml) {
        try {
            return YAML.readValue(yaml, type);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    PublishStep publish(String body) {
        return publish(body, "{}");
    }

    PublishStep publish(String body, String headers) {
        return new PublishStep(yaml(PublishAction.class, "{component: events, destination: '" + destination + "', body: " + body
                + ", headers: " + headers + "}"));
    }

    ExpectMessageStep expect(String rest) {
        return new ExpectMessageStep(yaml(ExpectMessageAction.class, "{component: events, destination: '" + destination + "', " + rest + "}"));
    }

    /** Runs steps as the engine does a case: beforeCase on all, execute in order, afterCase on all. */
    List<StepResponse> runCase(StepAction... steps) throws Exception {
        List<StepResponse> out = new ArrayList<>();
        try {
            for (StepAction s : steps) {
                s.beforeCase(ctx);
            }
            for (StepAction s : steps) {
                out.add(s.execute(ctx));
            }
            return out;
        } finally {
            for (StepAction s : steps) {
                s.afterCase();
            }
        }
    }

    @Test
    void publishedMessageIsSeenByAnExpectMessageListeningSinceCaseStart() throws Exception {
        List<StepResponse> r = runCase(
                publish("{id: '${orderId}', status: NEW}", "{x-correlation-id: c-1}"),
                expect("match: [{path: $.id, equals: '${orderId}'}], headers: {x-correlation-id: c-1}, within: 5s"));
        assertThat(r.get(1).json().get("status").asText()).isEqualTo("NEW");
        assertThat(r.get(1).headers()).containsKey("x-correlation-id");
    }

    /**
     * Clients derive their own limits from the step timeout (socket write, delivery, keep-alive): a short, the
     * default, a long timeout and one beyond an int of milliseconds must all connect, and a broker that answers makes a long timeout no slower.
     */
    @ParameterizedTest
    @ValueSource(strings = {"PT1S", "PT30S", "PT10M", "PT1000H"})
    void anyStepTimeoutConnectsPublishesAndReceives(String timeout) {
        ctx.timeout(Duration.parse(timeout));
        // a bound that only catches a hang on the long timeout, not a speed check
        List<StepResponse> r = assertTimeoutPreemptively(Duration.ofSeconds(90), () -> runCase(
                publish("{id: '${orderId}'}", "{x-trace: t-1}"),
                expect("match: [{path: $.id, equals: '${orderId}'}], headers: {x-trace: t-1}, within: 20s")));
        assertThat(r.get(1).json().get("id").asText()).isEqualTo(ctx.vars.get("orderId"));
    }

    @Test
    void timeoutListsWhatArrived() {
        assertThatThrownBy(() -> runCase(
                publish("{id: first}"), publish("'plain text body'"),
                expect("match: [{path: $.id, equals: other}], within: 1s")))
                .isInstanceOf(StepFailure.class)
                .hasMessageContaining("expected 1 message matching $.id equals \"other\" on " + destination + " within 1s")
                .hasMessageContaining("2 messages arrived")
                .hasMessageContaining("{\"id\":\"first\"}")
                .hasMessageContaining("plain text body");
    }

    @Test
    void headersMustMatch() {
        assertThatThrownBy(() -> runCase(publish("{id: 1}", "{tenant: a}"), expect("headers: {tenant: b}, within: 1s")))
                .isInstanceOf(StepFailure.class)
                .hasMessageContaining("header tenant = b")
                .hasMessageContaining("tenant=a");
    }

    @Test
    void countWaitsForEnoughMatchingMessages() throws Exception {
        runCase(publish("{n: 1}"), publish("{n: 2}"), publish("{other: 3}"), publish("{n: 3}"),
                expect("match: [{path: $.n, exists: true}], count: 3, within: 5s"));
        assertThatThrownBy(() -> runCase(publish("{n: 1}"), publish("{n: 2}"),
                expect("match: [{path: $.n, greaterThan: 0}], count: 3, within: 1s")))
                .isInstanceOf(StepFailure.class)
                .hasMessageContaining("expected 3 messages")
                .hasMessageContaining("(2 matched)");
    }

    @Test
    void sequenceMustArriveInOrder() throws Exception {
        String seq = "sequence: [[{path: $.status, equals: ACCEPTED}], [{path: $.status, equals: SHIPPED}]], within: ";
        List<StepResponse> r = runCase(publish("{status: ACCEPTED}"), publish("{status: PACKED}"), publish("{status: SHIPPED}"),
                expect(seq + "5s"));
        assertThat(r.get(3).json().get("status").asText()).isEqualTo("ACCEPTED");
        assertThatThrownBy(() -> runCase(publish("{status: SHIPPED}"), publish("{status: ACCEPTED}"), expect(seq + "1s")))
                .isInstanceOf(StepFailure.class)
                .hasMessageContaining("in order: [$.status equals \"ACCEPTED\"] then [$.status equals \"SHIPPED\"]");
    }

    @Test
    void absentPassesOnlyWithoutAMatchingMessage() throws Exception {
        long start = System.nanoTime();
        runCase(publish("{id: 1}"), expect("match: [{path: $.id, equals: 2}], absent: true, within: 700ms"));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(700));
        assertThatThrownBy(() -> runCase(publish("{id: 1}"), expect("match: [{path: $.id, equals: 1}], absent: true, within: 5s")))
                .isInstanceOf(StepFailure.class)
                .hasMessageContaining("expected no message matching $.id equals 1")
                .hasMessageContaining("{\"id\":1}");
    }

    @Test
    void absentWithACountAllowsFewerMatches() throws Exception {
        runCase(publish("{id: once}"), expect("match: [{path: $.id, equals: once}], count: 2, absent: true, within: 700ms"));
        assertThatThrownBy(() -> runCase(publish("{id: twice}"), publish("{id: twice}"),
                expect("match: [{path: $.id, equals: twice}], count: 2, absent: true, within: 5s")))
                .isInstanceOf(StepFailure.class)
                .hasMessageContaining("expected fewer than 2 messages matching $.id equals \"twice\"")
                .hasMessageContaining("but 2 arrived");
    }

    @Test
    void messagesFromBeforeTheCaseDoNotCount() throws Exception {
        runCase(publish("{id: old}"));
        runCase(expect("match: [{path: $.id, equals: old}], absent: true, within: 700ms"));
    }

    @Test
    void destinationWithACaptureSubscribesAtTheStep() throws Exception {
        ctx.vars.remove("orderId");
        ExpectMessageStep expect = new ExpectMessageStep(yaml(ExpectMessageAction.class,
                "{component: events, destination: '${dest}', within: 5s, match: [{path: $.id, equals: late}]}"));
        expect.beforeCase(ctx);
        try {
            ctx.var("dest", destination);
            Thread publisher = new Thread(() -> {
                try {
                    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60))
                            .until(() -> ctx.lines.stream().anyMatch(l -> l.contains("from this step")));
                    publish("{id: late}").execute(ctx);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            publisher.start();
            assertThat(expect.execute(ctx).json().get("id").asText()).isEqualTo("late");
            publisher.join();
        } finally {
            expect.afterCase();
        }
    }

    @Test
    void unreachableBrokerErrorsWithinTheTimeoutNamingAddressAndCause() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        ctx.var("components.events.uri", unreachableUri(port)).timeout(Duration.ofSeconds(3));
        long start = System.nanoTime();
        assertThatThrownBy(() -> runCase(publish("{id: 1}")))
                .hasMessageContaining("127.0.0.1:" + port)
                .hasMessageContaining("cannot connect to")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("s3cret").containsIgnoringCase("refused"));
        assertThatThrownBy(() -> runCase(expect("within: 1s")))
                .hasMessageContaining("127.0.0.1:" + port);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(7));
        assertThat(resources.open()).isZero();
    }

    @Test
    void manyCasesShareOneConnectionAndLeakNothing() throws Exception {
        int port = dev.itf.runner.Endpoint.parse(uri()).port();
        int baseline = OpenSockets.to(port);
        for (int i = 0; i < 15; i++) {
            runCase(publish("{i: " + i + "}"), expect("match: [{path: $.i, equals: " + i + "}], within: 5s"));
        }
        assertThat(resources.open()).isEqualTo(1);
        assertThat(OpenSockets.to(port)).isGreaterThan(baseline);
        resources.close();
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> OpenSockets.to(port) <= baseline);
    }
}
