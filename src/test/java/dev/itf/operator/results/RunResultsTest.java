package dev.itf.operator.results;

import dev.itf.json.Json;
import dev.itf.results.CaseResult;
import dev.itf.results.Outcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static dev.itf.results.CaseResults.result;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RunResultsTest {
    @TempDir
    Path root;

    final RunKey run = new RunKey("team", "orders-1", "uid-1");

    @Test
    void concurrentIngestsOfOneRunStoreEachResultOnceAndCountItOnce() throws Exception {
        RunResults results = new RunResults(new FileResultStore(root, Json.MAPPER));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<Integer>> created = new ArrayList<>();
        try {
            // eight senders push the same 40 results, one per call, as runners that all retry would
            for (int sender = 0; sender < 8; sender++) {
                created.add(pool.submit(() -> {
                    int n = 0;
                    for (int i = 0; i < 40; i++) {
                        n += results.ingest(run, List.of(result(String.format("API_%03d", i), 1, Outcome.PASSED, null)));
                    }
                    return n;
                }));
            }
            int total = 0;
            for (Future<Integer> f : created) {
                total += f.get();
            }
            assertThat(total).as("each result counted as new once").isEqualTo(40);
        } finally {
            pool.shutdown();
        }
        assertThat(results.current(run, problem -> { })).hasSize(40);
        assertThat(new FileResultStore(root, Json.MAPPER).list(run)).as("stored once each, read back after a restart").hasSize(40);
    }

    @Test
    void aFailedWriteLeavesNothingCountedAndTheSameResultCanBeSentAgain() throws Exception {
        RunResults results = new RunResults(new FileResultStore(root, Json.MAPPER));
        assertThat(results.current(run, problem -> { })).isEmpty();
        // where the run's results directory belongs there is a file: the write fails
        Path place = root.resolve("team").resolve("orders-1").resolve("uid-1");
        java.nio.file.Files.createDirectories(place.getParent());
        java.nio.file.Files.writeString(place, "not a directory");
        CaseResult r = result("API_001", 1, Outcome.PASSED, null);
        assertThatThrownBy(() -> results.ingest(run, List.of(r))).isInstanceOf(IOException.class);
        assertThat(results.current(run, problem -> { })).isEmpty();

        java.nio.file.Files.delete(place);
        assertThat(results.ingest(run, List.of(r))).isEqualTo(1);
        assertThat(results.current(run, problem -> { })).hasSize(1);
    }

    @Test
    void bothSharesOfASplitLoadAreKeptWithTheirMeasurementsAndMergeIntoStatusLoad() throws Exception {
        RunResults results = new RunResults(new FileResultStore(root, Json.MAPPER));
        CaseResult first = ResultStoreContract.share(0, null);
        first.steps.get(0).load.requests = 900L;
        first.steps.get(0).log = List.of("a line the running summary does not keep");
        CaseResult second = ResultStoreContract.share(1, null);
        second.steps.get(0).load.requests = 100L;
        assertThat(results.ingest(run, List.of(first))).isEqualTo(1);
        assertThat(results.ingest(run, List.of(second, first))).isEqualTo(1);

        List<CaseResult> known = results.current(run, problem -> { });
        assertThat(known).hasSize(2).allSatisfy(r -> assertThat(r.steps).singleElement().satisfies(s -> assertThat(s.log).isEmpty()));
        var load = dev.itf.operator.lifecycle.RunLoadStatus.of(dev.itf.results.LoadShards.combine(known));
        assertThat(load).singleElement().satisfies(l -> assertThat(l.requests).isEqualTo(1000));
    }
}
