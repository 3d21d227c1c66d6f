package dev.itf.operator.lifecycle;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.HttpURLConnection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Creates objects by name if they are absent: what makes every stage safe to repeat after a restart. What is known
 * to exist (created here, or found existing by a 409) is remembered per run namespace, so a repeated reconcile sends
 * nothing for it; after a restart each object costs one create that answers 409.
 */
@ApplicationScoped
public class ClusterWriter {
    private final KubernetesClient client;
    private final RunCache cache;
    private final Map<String, Set<String>> known = new ConcurrentHashMap<>();

    public ClusterWriter(KubernetesClient client, RunCache cache) {
        this.client = client;
        this.cache = cache;
    }

    /**
     * @param runNamespace the run namespace the object belongs to (for a Namespace, its own name)
     * @return true when this call created the object
     * @throws ObjectRejectedException when the API server refuses the object
     */
    public boolean createIfAbsent(String runNamespace, HasMetadata object) {
        String key = object.getKind() + "/" + object.getMetadata().getNamespace() + "/" + object.getMetadata().getName();
        Set<String> mine = known.computeIfAbsent(runNamespace, ns -> ConcurrentHashMap.newKeySet());
        if (mine.contains(key)) {
            return false;
        }
        try {
            cache.created(client.resource(object).create());
            mine.add(key);
            return true;
        } catch (KubernetesClientException e) {
            if (e.getCode() == HttpURLConnection.HTTP_CONFLICT) {
                mine.add(key);
                return false;
            }
            throw new ObjectRejectedException(object, e);
        }
    }

    /** The run is over: nothing of its namespace needs remembering. */
    public void forget(String runNamespace) {
        known.remove(runNamespace);
    }

    /** The API server did not take an object: the exception says which, and keeps the server's answer as its cause. */
    public static class ObjectRejectedException extends RuntimeException {
        private final int code;

        ObjectRejectedException(HasMetadata object, KubernetesClientException cause) {
            super("creating " + object.getKind() + " " + (object.getMetadata().getNamespace() == null ? ""
                    : object.getMetadata().getNamespace() + "/") + object.getMetadata().getName() + ": "
                    + (cause.getStatus() != null && cause.getStatus().getMessage() != null
                    ? cause.getStatus().getMessage() : cause.getMessage()), cause);
            this.code = cause.getCode();
        }

        /** The HTTP status the API server answered with (0 when no answer came). */
        public int code() {
            return code;
        }
    }
}
