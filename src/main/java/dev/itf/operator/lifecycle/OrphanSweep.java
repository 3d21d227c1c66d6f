package dev.itf.operator.lifecycle;

import dev.itf.api.Itf;
import dev.itf.api.TestRun;
import dev.itf.operator.run.RunNames;
import dev.itf.operator.results.CachedRuns;
import dev.itf.operator.results.ResultStore;
import dev.itf.operator.results.RunKey;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Removes run namespaces and stored results whose TestRun is gone: at start-up and then periodically. A run the
 * TestRun informer holds exists; only a run it does not hold is looked up, so a sweep costs one list of namespaces
 * and no request per run.
 */
@ApplicationScoped
public class OrphanSweep {
    private static final Logger LOG = Logger.getLogger(OrphanSweep.class);

    private final KubernetesClient client;
    private final ResultStore store;
    private final CachedRuns cache;
    private final Duration interval;
    private ScheduledExecutorService timer;

    public OrphanSweep(KubernetesClient client, ResultStore store, CachedRuns cache,
                       @ConfigProperty(name = "itf.orphan-sweep.interval", defaultValue = "5m") String interval) {
        this.client = client;
        this.store = store;
        this.cache = cache;
        this.interval = dev.itf.operator.run.DurationText.parse(interval, Duration.ofMinutes(5));
    }

    void start(@Observes StartupEvent event) {
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "itf-orphan-sweep");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::sweepQuietly, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent event) {
        if (timer != null) {
            timer.shutdownNow();
        }
    }

    /** @return the namespaces deleted */
    public List<String> sweep() {
        List<String> deleted = new ArrayList<>();
        for (Namespace ns : client.namespaces().withLabel(Itf.LABEL_MANAGED_BY, Itf.MANAGED_BY).list().getItems()) {
            Map<String, String> labels = ns.getMetadata().getLabels();
            Map<String, String> notes = ns.getMetadata().getAnnotations() == null ? Map.of() : ns.getMetadata().getAnnotations();
            String runNamespace = labels.get(Itf.LABEL_RUN_NAMESPACE);
            String runName = notes.get(RunNames.ANNOTATION_RUN_NAME);
            String uid = notes.get(RunNames.ANNOTATION_RUN_UID);
            if (runNamespace == null || runName == null || uid == null) {
                continue;
            }
            if (!exists(runNamespace, runName, uid)) {
                client.namespaces().withName(ns.getMetadata().getName()).delete();
                deleted.add(ns.getMetadata().getName());
            }
        }
        try {
            for (RunKey run : store.runs()) {
                if (!exists(run.namespace(), run.name(), run.uid())) {
                    store.delete(run);
                }
            }
        } catch (java.io.IOException e) {
            LOG.warnf("could not sweep the result store: %s", e.getMessage());
        }
        if (!deleted.isEmpty()) {
            LOG.infof("deleted run namespaces whose TestRun is gone: %s", deleted);
        }
        return deleted;
    }

    private boolean exists(String namespace, String name, String uid) {
        if (cache.get(namespace, name).filter(r -> uid.equals(r.getMetadata().getUid())).isPresent()) {
            return true;
        }
        TestRun run = client.resources(TestRun.class).inNamespace(namespace).withName(name).get();
        return run != null && uid.equals(run.getMetadata().getUid());
    }

    private void sweepQuietly() {
        try {
            sweep();
        } catch (RuntimeException e) {
            LOG.warnf("orphan sweep failed, trying again in %s: %s", interval, e.getMessage());
        }
    }
}
