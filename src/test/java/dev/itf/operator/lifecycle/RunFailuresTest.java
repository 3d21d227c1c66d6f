package dev.itf.operator.lifecycle;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;

class RunFailuresTest {
    static KubernetesClientException answered(int code, String message) {
        return new KubernetesClientException(new StatusBuilder().withCode(code).withMessage(message).build());
    }

    @Test
    void anAnswerTheServerWillGiveAgainEndsTheRunAndTheRestAreRetried() {
        assertThat(RunFailures.classify(answered(422, "spec.x: Required value"))).extracting(RunFailures.Verdict::permanent, RunFailures.Verdict::reason)
                .containsExactly(true, "ObjectInvalid");
        assertThat(RunFailures.classify(answered(403, "forbidden")).permanent()).isTrue();
        assertThat(RunFailures.classify(answered(429, "slow down"))).extracting(RunFailures.Verdict::permanent, RunFailures.Verdict::reason)
                .containsExactly(false, "ApiServerThrottled");
        assertThat(RunFailures.classify(answered(503, "unavailable")).permanent()).isFalse();
        assertThat(RunFailures.classify(new RuntimeException("wrapped", new IOException("connection reset"))).permanent()).isFalse();
    }

    @Test
    void noAnswerAtAllIsRetriedNotAVerdict() {
        // what the client throws when the connection breaks or it is closing as the operator pod is killed
        KubernetesClientException none = new KubernetesClientException("Operation: [patch] for kind: [TestRun] failed.", -1, null);
        assertThat(RunFailures.classify(none)).extracting(RunFailures.Verdict::permanent, RunFailures.Verdict::reason)
                .containsExactly(false, "ApiServerUnavailable");
        assertThat(RunFailures.classify(none).message()).contains("answered nothing");
        ClusterWriter.ObjectRejectedException creating = new ClusterWriter.ObjectRejectedException(
                new ConfigMapBuilder().withNewMetadata().withName("itf-suite").withNamespace("itf-r-1").endMetadata().build(),
                new KubernetesClientException("An error has occurred.", -1, null));
        assertThat(RunFailures.classify(creating).permanent()).isFalse();
    }
}
