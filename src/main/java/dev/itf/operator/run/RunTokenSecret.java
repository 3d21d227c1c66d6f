package dev.itf.operator.run;

import dev.itf.api.Itf;
import dev.itf.api.TestRun;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;

import java.util.Map;

/**
 * The run's token: runner pods present it to the results endpoint. Labelled so the operator can watch every token
 * Secret, and annotated with the run's name and uid (its namespace is in the labels), so a restarted operator knows
 * whose token each one is without reading the run.
 */
public final class RunTokenSecret {
    /** Label of token Secrets, value "true". */
    public static final String LABEL = Itf.GROUP + "/run-token";

    private RunTokenSecret() {
    }

    public static Secret build(TestRun run, String token) {
        Map<String, String> labels = RunLabels.of(run);
        labels.put(LABEL, "true");
        return new SecretBuilder()
                .withNewMetadata().withName(RunNames.TOKEN_SECRET).withNamespace(RunNames.namespace(run))
                .withLabels(labels)
                .withAnnotations(RunLabels.annotations(run))
                .endMetadata()
                .withType("Opaque")
                .withStringData(Map.of(RunNames.TOKEN_KEY, token))
                .build();
    }
}
