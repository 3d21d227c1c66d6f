package dev.itf.runner.data;

import dev.itf.json.Json;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.itf.api.RedisAction;
import dev.itf.runner.Redactor;
import dev.itf.runner.RunResources;
import dev.itf.runner.StepResponse;
import dev.itf.runner.TestStepContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import redis.clients.jedis.JedisPooled;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

class RedisStepTest {

    static final ObjectMapper YAML = Json.YAML;

    RunResources resources;
    TestStepContext ctx;
    String key;

    @BeforeEach
    void open() {
        resources = new RunResources();
        ctx = new TestStepContext(resources, new Redactor()).var("components.cache.uri", "redis://127.0.0.1:6379");
        key = "itf:test:" + UUID.randomUUID();
        ctx.var("key", key);
    }

    @AfterEach
    void close() throws Exception {
        try (JedisPooled j = new JedisPooled("127.0.0.1", 6379)) {
            j.del(key, key + ":list", key + ":n");
        }
        resources.close();
        assertThat(resources.open()).isZero();
    }

    StepResponse redis(String yaml) throws Exception {
        return new RedisStep(YAML.readValue(yaml, RedisAction.class)).execute(ctx);
    }

    @Test
    void repliesBecomeJson() throws Exception {
        assertThat(redis("{component: cache, command: [SET, '${key}', CONFIRMED]}").body()).isEqualTo("OK");
        StepResponse get = redis("{component: cache, command: [get, '${key}']}");
        assertThat(get.body()).isEqualTo("CONFIRMED");
        assertThat(get.json().asText()).isEqualTo("CONFIRMED");
        StepResponse incr = redis("{component: cache, command: [INCRBY, '${key}:n', '5']}");
        assertThat(incr.json().isNumber()).isTrue();
        assertThat(incr.json().asLong()).isEqualTo(5);
        redis("{component: cache, command: [RPUSH, '${key}:list', a, b, c]}");
        assertThat(redis("{component: cache, command: [LRANGE, '${key}:list', '0', '-1']}").body()).isEqualTo("[\"a\",\"b\",\"c\"]");
        StepResponse missing = redis("{component: cache, command: [GET, '${key}:none']}");
        assertThat(missing.json().isNull()).isTrue();
        assertThat(missing.body()).isEqualTo("null");
    }

    /** Connect and socket timeouts come from the step timeout as int milliseconds; none may overflow. */
    @ParameterizedTest
    @ValueSource(strings = {"PT1S", "PT30S", "PT10M", "PT1000H"})
    void anyStepTimeoutConnectsAndReplies(String timeout) {
        ctx.timeout(Duration.parse(timeout));
        // a bound that only catches a hang on the long timeout, not a speed check
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> redis("{component: cache, command: [SET, '${key}', v1]}"));
        assertThat(assertTimeoutPreemptively(Duration.ofSeconds(60),
                () -> redis("{component: cache, command: [GET, '${key}']}")).body()).isEqualTo("v1");
    }

    @Test
    void errorReplyErrorsTheStepWithItsMessage() throws Exception {
        redis("{component: cache, command: [SET, '${key}', notanumber]}");
        assertThatThrownBy(() -> redis("{component: cache, command: [INCR, '${key}']}"))
                .hasMessageContaining("Redis at 127.0.0.1:6379 replied to INCR with an error")
                .hasMessageContaining("not an integer");
        assertThatThrownBy(() -> redis("{component: cache, command: [NOSUCHCOMMAND]}"))
                .hasMessageContaining("unknown command");
    }

    @Test
    void withinPollsUntilTheKeyAppears() throws Exception {
        ctx.check(r -> "CONFIRMED".equals(r.body()) ? List.of() : List.of("body: expected CONFIRMED, got " + r.body()));
        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
            try (JedisPooled j = new JedisPooled("127.0.0.1", 6379)) {
                j.set(key, "CONFIRMED");
            }
        }, CompletableFuture.delayedExecutor(800, TimeUnit.MILLISECONDS));
        StepResponse r = redis("{component: cache, command: [GET, '${key}'], within: 5s}");
        writer.join();
        assertThat(r.body()).isEqualTo("CONFIRMED");
        assertThat(r.duration()).isGreaterThanOrEqualTo(Duration.ofMillis(700));
    }

    @Test
    void unreachableRedisErrorsNamingAddressAndCause() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        ctx.var("components.cache.uri", "redis://:s3cret-pw@127.0.0.1:" + port).timeout(Duration.ofSeconds(2));
        long start = System.nanoTime();
        assertThatThrownBy(() -> redis("{component: cache, command: [PING]}"))
                .hasMessageContaining("cannot connect to Redis at 127.0.0.1:" + port)
                .hasMessageContaining("refused")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("s3cret-pw"));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
    }

    @Test
    void manyCommandsShareOnePoolThatClosesWithTheRun() throws Exception {
        int baseline = dev.itf.runner.OpenSockets.to(6379);
        for (int i = 0; i < 30; i++) {
            redis("{component: cache, command: [INCR, '${key}:n']}");
        }
        assertThat(redis("{component: cache, command: [GET, '${key}:n']}").body()).isEqualTo("30");
        assertThat(resources.open()).isEqualTo(1);
        resources.close();
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> dev.itf.runner.OpenSockets.to(6379) <= baseline);
    }

    @Test
    void aComponentWithoutUriSaysHowToProvideIt() {
        assertThatThrownBy(() -> redis("{component: sessions, command: [PING]}"))
                .hasMessageContaining("component 'sessions' has no uri")
                .hasMessageContaining("--var components.sessions.uri=URI");
    }
}
