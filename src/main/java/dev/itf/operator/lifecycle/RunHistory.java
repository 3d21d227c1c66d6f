package dev.itf.operator.lifecycle;

import dev.itf.api.RunPhase;
import dev.itf.api.TestRun;
import dev.itf.api.TestRunStatus;
import dev.itf.operator.results.FinishedRun;
import dev.itf.operator.results.ResultStore;
import dev.itf.operator.results.ResultsResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The history of finished runs per suite: each run is added to the result store's history when it finishes, and the
 * suite's previous finished run (for {@code Recovered}) is the newest of what the store's history and the TestRuns
 * still in the cluster know, so a store that is down or was just switched on still gives an answer.
 */
@ApplicationScoped
public class RunHistory {
    private static final Logger LOG = Logger.getLogger(RunHistory.class);

    private final ResultStore store;
    private final KubernetesClient client;

    public RunHistory(ResultStore store, KubernetesClient client) {
        this.store = store;
        this.client = client;
    }

    /** The run as an entry of the history. */
    public static FinishedRun entry(TestRun run, RunPhase phase) {
        TestRunStatus status = run.getStatus();
        TestRunStatus.Summary s = status.summary == null ? new TestRunStatus.Summary() : status.summary;
        Instant finished = status.completionTime == null ? Instant.now() : Instant.parse(status.completionTime);
        long took = status.startTime == null ? 0 : Duration.between(Instant.parse(status.startTime), finished).toMillis();
        var key = ResultsResource.key(run);
        return new FinishedRun(key.namespace(), key.name(), key.uid(), suite(run), phase.name(), finished, s.total, s.passed, s.failed,
                s.errored, s.skipped, s.flaky, took);
    }

    /** Adds the finished run to the store's history. */
    public void record(TestRun run, RunPhase phase) throws IOException {
        store.recordFinished(entry(run, phase));
    }

    /** The suite's newest finished run in the run's namespace before this one, by completion time. */
    public Optional<FinishedRun> previous(TestRun run) {
        String suite = suite(run);
        Instant before = run.getStatus().completionTime == null ? Instant.now() : Instant.parse(run.getStatus().completionTime);
        String namespace = run.getMetadata().getNamespace();
        String uid = run.getMetadata().getUid();
        List<FinishedRun> known = new ArrayList<>();
        try {
            store.history().stream().filter(f -> namespace.equals(f.namespace()) && Objects.equals(suite, f.suite())).forEach(known::add);
        } catch (IOException e) {
            LOG.warnf("the run history cannot be read from %s, looking at the TestRuns in the cluster only: %s", store.describe(), e.getMessage());
        }
        try {
            for (TestRun other : client.resources(TestRun.class).inNamespace(namespace).list().getItems()) {
                if (other.getStatus() != null && other.getStatus().phase != null && other.getStatus().phase.isFinal()
                        && other.getStatus().completionTime != null && Objects.equals(suite, suite(other))) {
                    known.add(entry(other, other.getStatus().phase));
                }
            }
        } catch (KubernetesClientException e) {
            LOG.warnf("the TestRuns of namespace %s cannot be listed: %s", namespace, e.getMessage());
        }
        return known.stream()
                .filter(f -> !uid.equals(f.uid()) && !f.finishedAt().isAfter(before))
                .max(Comparator.comparing(FinishedRun::finishedAt));
    }

    private static String suite(TestRun run) {
        return run.getSpec().suiteRef == null ? null : run.getSpec().suiteRef.name;
    }
}
