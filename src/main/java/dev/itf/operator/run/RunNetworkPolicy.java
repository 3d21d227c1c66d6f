package dev.itf.operator.run;

import dev.itf.api.TestRun;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;

import java.util.Map;

/** Only the run's own pods and the operator's namespace may connect to the run's pods; egress stays open. */
public final class RunNetworkPolicy {
    public static final String NAME = "itf-run-isolation";
    /** Set automatically on every namespace since Kubernetes 1.21; on 1.20 the operator's namespace needs it by hand. */
    static final String NAMESPACE_NAME_LABEL = "kubernetes.io/metadata.name";

    private RunNetworkPolicy() {
    }

    public static NetworkPolicy build(TestRun run, String operatorNamespace) {
        return new NetworkPolicyBuilder()
                .withNewMetadata()
                .withName(NAME)
                .withNamespace(RunNames.namespace(run))
                .withLabels(RunLabels.of(run))
                .endMetadata()
                .withNewSpec()
                .withNewPodSelector().endPodSelector()
                .withPolicyTypes("Ingress")
                .addNewIngress()
                .addNewFrom().withNewPodSelector().endPodSelector().endFrom()
                .addNewFrom().withNewNamespaceSelector()
                .withMatchLabels(Map.of(NAMESPACE_NAME_LABEL, operatorNamespace))
                .endNamespaceSelector().endFrom()
                .endIngress()
                .endSpec()
                .build();
    }
}
