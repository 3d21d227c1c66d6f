package dev.itf.operator.results;

import dev.itf.json.Json;
import dev.itf.results.CaseResult;
import static dev.itf.results.CaseResults.result;
import dev.itf.results.Outcome;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FileResultStoreTest {
    @TempDir
    Path root;

    final RunKey run = new RunKey("team", "orders-1", "uid-1");

    @Test
    void storesEachAttemptOnceAndKeepsTheFirst() throws Exception {
        FileResultStore store = new FileResultStore(root, Json.MAPPER);
        assertThat(store.put(run, result("API_001", 1, Outcome.FAILED, "first"))).isTrue();
        assertThat(store.put(run, result("API_001", 1, Outcome.PASSED, "again"))).isFalse();
        assertThat(store.put(run, result("API_001", 2, Outcome.PASSED, null))).isTrue();
        assertThat(store.put(run, result("a:b/c", 1, Outcome.PASSED, null))).isTrue();

        List<CaseResult> all = store.list(run);
        assertThat(all).extracting(r -> r.caseId + "@" + r.attempt).containsExactly("API_001@1", "API_001@2", "a:b/c@1");
        assertThat(all.get(0).message).isEqualTo("first");
        assertThat(store.list(new RunKey("team", "orders-1", "other-uid"))).isEmpty();
    }

    @Test
    void leavesNoTemporaryFilesAndSurvivesANewInstance() throws Exception {
        new FileResultStore(root, Json.MAPPER).put(run, result("API_001", 1, Outcome.PASSED, null));
        try (Stream<Path> files = Files.walk(root)) {
            assertThat(files.filter(Files::isRegularFile).map(p -> p.getFileName().toString()))
                    .containsExactly("API_001@1.json");
        }
        FileResultStore restarted = new FileResultStore(root, Json.MAPPER);
        assertThat(restarted.list(run)).hasSize(1);
        assertThat(restarted.runs()).containsExactly(run);
    }

    @Test
    void concurrentPushesOfOneResultStoreItOnce() throws Exception {
        FileResultStore store = new FileResultStore(root, Json.MAPPER);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> futures = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                futures.add(pool.submit(() -> store.put(run, result("API_009", 1, Outcome.PASSED, null))));
            }
            int created = 0;
            for (Future<Boolean> f : futures) {
                created += f.get() ? 1 : 0;
            }
            assertThat(created).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(store.list(run)).hasSize(1);
    }

    @Test
    void deleteForgetsOnlyThatRun() throws Exception {
        FileResultStore store = new FileResultStore(root, Json.MAPPER);
        RunKey other = new RunKey("team", "orders-2", "uid-2");
        store.put(run, result("API_001", 1, Outcome.PASSED, null));
        store.put(other, result("API_001", 1, Outcome.PASSED, null));
        store.delete(run);
        assertThat(store.list(run)).isEmpty();
        assertThat(store.list(other)).hasSize(1);
        assertThat(store.runs()).containsExactly(other);
    }

    @Test
    void refusesAResultWithoutCaseOrAttempt() {
        FileResultStore store = new FileResultStore(root, Json.MAPPER);
        assertThatThrownBy(() -> store.put(run, result(null, 1, Outcome.PASSED, null))).hasMessageContaining("caseId");
        assertThatThrownBy(() -> store.put(run, result("A", 0, Outcome.PASSED, null))).hasMessageContaining("attempt");
    }
}
