package dev.itf.operator;

import dev.itf.api.Itf;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.util.Optional;

/**
 * Puts {@code itf.dev/operator-namespace: "true"} on the operator's own namespace at start-up, where run
 * NetworkPolicies look for the operator. A Helm release does not own its namespace, so the chart cannot label it.
 */
@ApplicationScoped
public class OperatorNamespace {
    private static final Logger LOG = Logger.getLogger(OperatorNamespace.class);

    private final KubernetesClient client;
    private final Optional<String> namespace;
    private final boolean label;

    public OperatorNamespace(KubernetesClient client,
                             @ConfigProperty(name = "itf.operator.namespace") Optional<String> namespace,
                             @ConfigProperty(name = "itf.operator.label-namespace", defaultValue = "true") boolean label) {
        this.client = client;
        this.namespace = namespace.filter(s -> !s.isBlank());
        this.label = label;
    }

    void start(@Observes StartupEvent event) {
        if (label && namespace.isPresent()) {
            ensureLabelled(namespace.get());
        }
    }

    /** @return whether the namespace carries the label now */
    public boolean ensureLabelled(String name) {
        try {
            Namespace ns = client.namespaces().withName(name).get();
            if (ns == null) {
                LOG.warnf("the operator's namespace %s was not found; run NetworkPolicies will not admit the operator", name);
                return false;
            }
            if ("true".equals(ns.getMetadata().getLabels() == null ? null : ns.getMetadata().getLabels().get(Itf.LABEL_OPERATOR_NAMESPACE))) {
                return true;
            }
            client.namespaces().withName(name).edit(n -> new NamespaceBuilder(n).editMetadata()
                    .addToLabels(Itf.LABEL_OPERATOR_NAMESPACE, "true").endMetadata().build());
            LOG.infof("labelled the operator's namespace %s with %s=true", name, Itf.LABEL_OPERATOR_NAMESPACE);
            return true;
        } catch (KubernetesClientException e) {
            LOG.warnf("cannot label the operator's namespace %s with %s=true (HTTP %d: %s); label it by hand, or run "
                    + "NetworkPolicies will not admit the operator", name, Itf.LABEL_OPERATOR_NAMESPACE, e.getCode(), e.getMessage());
            return false;
        }
    }
}
