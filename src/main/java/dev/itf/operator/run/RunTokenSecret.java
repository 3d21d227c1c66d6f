package dev.itf.operator.run;

import dev.itf.api.TestRun;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;

import java.util.Map;

/** The run's token: runner pods present it to the results endpoint, which compares it with this Secret. */
public final class RunTokenSecret {
    private RunTokenSecret() {
    }

    public static Secret build(TestRun run, String token) {
        return new SecretBuilder()
                .withNewMetadata().withName(RunNames.TOKEN_SECRET).withNamespace(RunNames.namespace(run))
                .withLabels(RunLabels.of(run)).endMetadata()
                .withType("Opaque")
                .withStringData(Map.of(RunNames.TOKEN_KEY, token))
                .build();
    }
}
