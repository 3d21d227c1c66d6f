package dev.itf.operator.results;

import dev.itf.api.TestRun;
import io.javaoperatorsdk.operator.api.reconciler.IndexedResourceCache;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Optional;

/**
 * The TestRun controller's informer cache of runs, for lookups outside a reconcile (a results POST, the orphan
 * sweep): a GET each time would cost the API server a request per result. The controller connects it when it starts.
 */
@ApplicationScoped
public class CachedRuns {
    private volatile IndexedResourceCache<TestRun> runs;

    public void connect(IndexedResourceCache<TestRun> runs) {
        this.runs = runs;
    }

    /** The run as the informer has it; empty when it does not hold it or the controller has not started. */
    public Optional<TestRun> get(String namespace, String name) {
        IndexedResourceCache<TestRun> known = runs;
        return known == null ? Optional.empty() : known.get(new ResourceID(name, namespace));
    }

    /** Every run the informer holds (no API request); empty before the controller has started. */
    public List<TestRun> all() {
        IndexedResourceCache<TestRun> known = runs;
        return known == null ? List.of() : known.list().toList();
    }
}
