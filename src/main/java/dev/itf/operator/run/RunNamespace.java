package dev.itf.operator.run;

import dev.itf.api.TestRun;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;

import java.util.Map;

/**
 * The run's own namespace, labelled with the run so that an orphan sweep can tell whose it is, and with the Pod
 * Security Standard its pods must meet (enforced, and warned and audited at the same level).
 */
public final class RunNamespace {
    static final String POD_SECURITY = "pod-security.kubernetes.io/";

    private RunNamespace() {
    }

    public static Namespace build(TestRun run, String podSecurity) {
        Map<String, String> labels = RunLabels.of(run);
        for (String mode : new String[] {"enforce", "warn", "audit"}) {
            labels.put(POD_SECURITY + mode, podSecurity);
        }
        return new NamespaceBuilder()
                .withNewMetadata()
                .withName(RunNames.namespace(run))
                .withLabels(labels)
                .withAnnotations(RunLabels.annotations(run))
                .endMetadata()
                .build();
    }
}
