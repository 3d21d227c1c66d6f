package dev.itf.operator;

import dev.itf.validation.KindScope;
import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which kinds are cluster-scoped, as the API server's discovery says (so custom kinds count too), one lookup per API
 * group version and then kept a few minutes; the built-in list answers for kinds discovery does not know and when the
 * API server cannot answer.
 */
@ApplicationScoped
public class DiscoveredKindScope implements KindScope {
    private static final Logger LOG = Logger.getLogger(DiscoveredKindScope.class);
    static final Duration KEEP = Duration.ofMinutes(5);

    private record Known(Map<String, Boolean> namespacedByKind, Instant until) {
    }

    private final KubernetesClient client;
    private final Clock clock;
    private final Map<String, Known> byApiVersion = new ConcurrentHashMap<>();

    public DiscoveredKindScope(KubernetesClient client, Clock clock) {
        this.client = client;
        this.clock = clock;
    }

    @Override
    public boolean clusterScoped(String apiVersion, String kind) {
        Boolean namespaced = discovered(apiVersion).get(kind);
        return namespaced == null ? BUILT_IN.clusterScoped(apiVersion, kind) : !namespaced;
    }

    private Map<String, Boolean> discovered(String apiVersion) {
        Instant now = clock.instant();
        Known known = byApiVersion.get(apiVersion);
        if (known != null && now.isBefore(known.until())) {
            return known.namespacedByKind();
        }
        Map<String, Boolean> kinds = new HashMap<>();
        try {
            APIResourceList list = client.getApiResources(apiVersion);
            for (APIResource r : list == null || list.getResources() == null ? List.<APIResource>of() : list.getResources()) {
                // subresources (pods/log) share their parent's kind; the resource itself has no slash
                if (r.getKind() != null && r.getName() != null && !r.getName().contains("/")) {
                    kinds.put(r.getKind(), Boolean.TRUE.equals(r.getNamespaced()));
                }
            }
        } catch (KubernetesClientException e) {
            LOG.debugf("discovery of %s failed (HTTP %d); the built-in list of cluster-scoped kinds answers", apiVersion, e.getCode());
        }
        byApiVersion.put(apiVersion, new Known(Map.copyOf(kinds), now.plus(KEEP)));
        return kinds;
    }
}
