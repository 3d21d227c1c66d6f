package dev.itf.operator.results;

import dev.itf.json.Json;
import dev.itf.results.Outcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.itf.results.CaseResults.result;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RetentionTest {
    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");

    @TempDir
    Path root;

    private static FinishedRun run(String namespace, String suite, int n, Duration age) {
        return new FinishedRun(namespace, suite + "-" + n, "uid-" + namespace + "-" + suite + "-" + n, suite, "Succeeded",
                NOW.minus(age), 1, 1, 0, 0, 0, 0, 100);
    }

    @Test
    void keepsTheNewestRunsOfEachSuiteAndNothingOlderThanTheRetention() {
        List<FinishedRun> history = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            history.add(run("team", "orders", i, Duration.ofDays(i * 10L)));
            history.add(run("team", "payments", i, Duration.ofHours(i)));
            history.add(run("other", "orders", i, Duration.ofHours(i)));
        }
        assertThat(Retention.expired(history, Optional.empty(), 0, NOW)).isEmpty();
        assertThat(Retention.expired(history, Optional.of(Duration.ofDays(30)), 0, NOW)).extracting(FinishedRun::name)
                .containsExactly("orders-4");
        assertThat(Retention.expired(history, Optional.empty(), 3, NOW)).extracting(r -> r.namespace() + "/" + r.name())
                .containsExactlyInAnyOrder("team/orders-3", "team/orders-4", "team/payments-3", "team/payments-4",
                        "other/orders-3", "other/orders-4");
        assertThat(Retention.expired(history, Optional.of(Duration.ofDays(15)), 4, NOW)).extracting(r -> r.namespace() + "/" + r.name())
                .containsExactlyInAnyOrder("team/orders-2", "team/orders-3", "team/orders-4", "team/payments-4", "other/orders-4");
    }

    @Test
    void aSweepForgetsTheExpiredRunsResultsAndHistoryInTheStore() throws Exception {
        FileResultStore store = new FileResultStore(root, Json.MAPPER);
        for (int i = 0; i < 3; i++) {
            FinishedRun r = run("team", "orders", i, Duration.ofDays(i));
            store.recordFinished(r);
            store.putAll(r.key(), List.of(result("API_001", 1, Outcome.PASSED, null)));
        }
        Retention retention = new Retention(store, Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofHours(1), Optional.empty(), 2);
        assertThat(retention.sweep()).extracting(FinishedRun::name).containsExactly("orders-2");
        assertThat(store.history()).extracting(FinishedRun::name).containsExactly("orders-0", "orders-1");
        assertThat(store.runs()).extracting(RunKey::name).containsExactlyInAnyOrder("orders-0", "orders-1");
        assertThat(retention.sweep()).isEmpty();
    }

    @Test
    void aWrongStoreValueStopsTheOperatorWithAMessageNamingIt() {
        assertThatThrownBy(() -> settings(Map.of("itf.results.store", "mongodb")).store())
                .isInstanceOf(ResultStoreSettings.Invalid.class)
                .hasMessage("the result store is misconfigured: results.store (ITF_RESULTS_STORE): \"mongodb\" is not a store; use filesystem, postgresql or s3");
        assertThatThrownBy(() -> settings(Map.of("itf.results.store", "postgresql", "itf.results.postgresql.schema", "Bad-Name")).store())
                .hasMessageContaining("results.postgresql.url (ITF_RESULTS_POSTGRESQL_URL): required with results.store postgresql")
                .hasMessageContaining("results.postgresql.schema (ITF_RESULTS_POSTGRESQL_SCHEMA): \"Bad-Name\" is not a plain schema name");
        assertThatThrownBy(() -> settings(Map.of("itf.results.store", "postgresql",
                "itf.results.postgresql.url", "postgres://db:5432/itf?password=hunter2")).store())
                .hasMessageContaining("results.postgresql.url (ITF_RESULTS_POSTGRESQL_URL): \"postgres://db:5432/itf\" is not a PostgreSQL JDBC URL")
                .message().doesNotContain("hunter2");
        assertThatThrownBy(() -> settings(Map.of("itf.results.store", "s3", "itf.results.s3.endpoint", "minio:9000",
                "itf.results.s3.access-key-id", "AKIA")).store())
                .hasMessageContaining("results.s3.bucket (ITF_RESULTS_S3_BUCKET): required with results.store s3")
                .hasMessageContaining("results.s3.endpoint (ITF_RESULTS_S3_ENDPOINT): \"minio:9000\" is not an http or https URL")
                .hasMessageContaining("results.s3.existingSecret (ITF_RESULTS_S3_ACCESS_KEY_ID and ITF_RESULTS_S3_SECRET_ACCESS_KEY)");
        assertThatThrownBy(() -> settings(Map.of("itf.results.retention", "a month", "itf.results.keep-runs", "-1")).store())
                .hasMessageContaining("results.retention (ITF_RESULTS_RETENTION): \"a month\" is not a duration")
                .hasMessageContaining("results.keepRuns (ITF_RESULTS_KEEP_RUNS): \"-1\" is not a whole number of 0 or more");
        assertThat(settings(Map.of("itf.results.retention", "30d")).retention()).contains(Duration.ofDays(30));
        assertThat(settings(Map.of("itf.results.dir", root.toString())).store()).isInstanceOf(FileResultStore.class);
    }

    private static ResultStoreSettings settings(Map<String, String> config) {
        return new ResultStoreSettings(name -> Optional.ofNullable(config.get(name)));
    }
}
