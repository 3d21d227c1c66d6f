package dev.itf.operator.run;

import dev.itf.api.TestRun;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;

import java.util.Map;

/** The run's own namespace, labelled with the run so that an orphan sweep can tell whose it is. */
public final class RunNamespace {
    private RunNamespace() {
    }

    public static Namespace build(TestRun run) {
        return new NamespaceBuilder()
                .withNewMetadata()
                .withName(RunNames.namespace(run))
                .withLabels(RunLabels.of(run))
                .withAnnotations(Map.of(
                        RunNames.ANNOTATION_RUN_NAME, run.getMetadata().getName(),
                        RunNames.ANNOTATION_RUN_UID, run.getMetadata().getUid()))
                .endMetadata()
                .build();
    }
}
