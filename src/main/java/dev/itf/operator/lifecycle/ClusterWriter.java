package dev.itf.operator.lifecycle;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.HttpURLConnection;

/** Creates objects by name if they are absent: what makes every stage safe to repeat after a restart. */
@ApplicationScoped
public class ClusterWriter {
    private final KubernetesClient client;

    public ClusterWriter(KubernetesClient client) {
        this.client = client;
    }

    /** @return true when this call created the object */
    public boolean createIfAbsent(HasMetadata object) {
        if (client.resource(object).get() != null) {
            return false;
        }
        try {
            client.resource(object).create();
            return true;
        } catch (KubernetesClientException e) {
            if (e.getCode() == HttpURLConnection.HTTP_CONFLICT) {
                return false;
            }
            throw e;
        }
    }
}
