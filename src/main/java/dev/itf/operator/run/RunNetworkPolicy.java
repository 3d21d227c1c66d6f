package dev.itf.operator.run;

import dev.itf.api.Itf;
import dev.itf.api.TestRun;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;

import java.util.Map;

/**
 * Only the run's own pods and the operator's pods may connect to the run's pods; egress stays open. The operator is
 * matched by its pod labels and by a label on its namespace (Kubernetes 1.20 puts no name label on namespaces), so a
 * pod elsewhere that copies the operator's labels is not admitted: labelling a namespace takes cluster rights.
 */
public final class RunNetworkPolicy {
    public static final String NAME = "itf-run-isolation";
    /** The label the chart (and the operator at start-up) puts on the operator's namespace. */
    static final Map<String, String> OPERATOR_NAMESPACE_LABELS = Map.of(Itf.LABEL_OPERATOR_NAMESPACE, "true");
    /** The labels the chart puts on the operator's pods. */
    static final Map<String, String> OPERATOR_POD_LABELS =
            Map.of("app.kubernetes.io/part-of", "itf", "app.kubernetes.io/component", "operator");

    private RunNetworkPolicy() {
    }

    public static NetworkPolicy build(TestRun run) {
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
                .addNewFrom()
                .withNewNamespaceSelector().withMatchLabels(OPERATOR_NAMESPACE_LABELS).endNamespaceSelector()
                .withNewPodSelector().withMatchLabels(OPERATOR_POD_LABELS).endPodSelector()
                .endFrom()
                .endIngress()
                .endSpec()
                .build();
    }
}
