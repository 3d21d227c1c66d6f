package dev.itf.operator.lifecycle;

import dev.itf.api.RunPhase;
import dev.itf.api.TestRun;
import dev.itf.api.TestRunSpec;
import dev.itf.operator.run.RunNames;
import dev.itf.operator.results.ResultStore;
import dev.itf.operator.results.ResultsResource;
import dev.itf.operator.results.RunTokens;
import io.fabric8.kubernetes.client.KubernetesClient;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** What happens after a run: the namespace per cleanup policy, the TestRun after its TTL, everything when it is deleted. */
@ApplicationScoped
public class RunCleanup {
    private static final Logger LOG = Logger.getLogger(RunCleanup.class);

    private final KubernetesClient client;
    private final ResultStore store;
    private final RunTokens tokens;
    private final RunMetrics metrics;
    private final StatusRateLimit rateLimit;
    private final RunStatusUpdate statusUpdate;
    private final Set<String> cleaned = ConcurrentHashMap.newKeySet();

    public RunCleanup(KubernetesClient client, ResultStore store, RunTokens tokens, RunMetrics metrics, StatusRateLimit rateLimit,
                      RunStatusUpdate statusUpdate) {
        this.client = client;
        this.store = store;
        this.tokens = tokens;
        this.metrics = metrics;
        this.rateLimit = rateLimit;
        this.statusUpdate = statusUpdate;
    }

    /** @return when to look again (the TTL), or empty when nothing is left to do */
    public Optional<Duration> afterFinish(TestRun run, Instant now) {
        RunPhase phase = run.getStatus().phase;
        TestRunSpec.Cleanup cleanup = run.getSpec().cleanup;
        TestRunSpec.CleanupPolicy policy = cleanup == null || cleanup.namespace == null
                ? TestRunSpec.CleanupPolicy.Always : cleanup.namespace;
        String uid = run.getMetadata().getUid();
        boolean delete = policy == TestRunSpec.CleanupPolicy.Always
                || (policy == TestRunSpec.CleanupPolicy.OnSuccess && phase == RunPhase.Succeeded);
        // once per run and operator start: a finished run's resyncs send nothing
        if (delete && !cleaned.contains(uid)) {
            deleteNamespace(run);
            cleaned.add(uid);
        }
        rateLimit.forget(uid);
        if (cleanup == null || cleanup.ttlSecondsAfterFinished == null || run.getStatus().completionTime == null) {
            return Optional.empty();
        }
        Instant due = Instant.parse(run.getStatus().completionTime).plusSeconds(cleanup.ttlSecondsAfterFinished);
        if (!now.isBefore(due)) {
            client.resource(run).delete();
            return Optional.empty();
        }
        return Optional.of(Duration.between(now, due));
    }

    /** The TestRun is being deleted: its namespace, stored results and what the operator keeps in memory go. */
    public void deleted(TestRun run) {
        deleteNamespace(run);
        String uid = run.getMetadata().getUid();
        try {
            store.delete(ResultsResource.key(run));
        } catch (IOException e) {
            LOG.warnf("could not delete the stored results of %s/%s: %s", run.getMetadata().getNamespace(),
                    run.getMetadata().getName(), e.getMessage());
        }
        tokens.forget(uid);
        metrics.forget(uid);
        statusUpdate.forget(uid);
        cleaned.remove(uid);
        rateLimit.forget(uid);
    }

    private void deleteNamespace(TestRun run) {
        // a namespace already gone answers with an empty list, not an error
        client.namespaces().withName(RunNames.namespace(run)).delete();
    }
}
