package dev.itf.operator.results;

import dev.itf.api.Itf;
import dev.itf.operator.run.RunNames;
import dev.itf.operator.run.RunTokenSecret;
import dev.itf.operator.run.SecretData;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.util.Map;

/**
 * Keeps {@link RunTokens} in step with the token Secrets of every run namespace (one watch on Secrets labelled
 * {@code itf.dev/run-token}), so tokens survive an operator restart and a change of leader without the results
 * endpoint reading a Secret per request.
 */
@ApplicationScoped
public class RunTokenWatch {
    private static final Logger LOG = Logger.getLogger(RunTokenWatch.class);

    private final KubernetesClient client;
    private final RunTokens tokens;
    private SharedIndexInformer<Secret> informer;

    public RunTokenWatch(KubernetesClient client, RunTokens tokens) {
        this.client = client;
        this.tokens = tokens;
    }

    void start(@Observes StartupEvent event) {
        informer = client.secrets().inAnyNamespace().withLabel(RunTokenSecret.LABEL, "true")
                .withLabel(Itf.LABEL_MANAGED_BY, Itf.MANAGED_BY).runnableInformer(0);
        informer.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onAdd(Secret secret) {
                read(secret);
            }

            @Override
            public void onUpdate(Secret before, Secret secret) {
                read(secret);
            }

            @Override
            public void onDelete(Secret secret, boolean finalStateUnknown) {
                Map<String, String> notes = secret.getMetadata().getAnnotations();
                Map<String, String> labels = secret.getMetadata().getLabels();
                if (notes != null && labels != null) {
                    tokens.forget(labels.get(Itf.LABEL_RUN_NAMESPACE), notes.get(RunNames.ANNOTATION_RUN_NAME),
                            notes.get(RunNames.ANNOTATION_RUN_UID));
                }
            }
        });
        informer.start().whenComplete((ok, failure) -> {
            if (failure != null) {
                // tokens the reconciles tell still work; runs started before a restart cannot push results until it works
                LOG.errorf("cannot watch run token Secrets (the ClusterRole needs list and watch on secrets): %s", failure.getMessage());
            } else {
                LOG.debug("every run token Secret read");
                tokens.markWatched();
            }
            tokens.markComplete();
        });
    }

    void stop(@Observes ShutdownEvent event) {
        if (informer != null) {
            informer.close();
        }
    }

    private void read(Secret secret) {
        Map<String, String> notes = secret.getMetadata().getAnnotations();
        Map<String, String> labels = secret.getMetadata().getLabels();
        String token = SecretData.value(secret, RunNames.TOKEN_KEY);
        if (notes == null || labels == null || token == null || notes.get(RunNames.ANNOTATION_RUN_NAME) == null
                || notes.get(RunNames.ANNOTATION_RUN_UID) == null || labels.get(Itf.LABEL_RUN_NAMESPACE) == null) {
            LOG.warnf("token Secret %s/%s lacks its run's name, uid or namespace; its run cannot push results",
                    secret.getMetadata().getNamespace(), secret.getMetadata().getName());
            return;
        }
        tokens.remember(labels.get(Itf.LABEL_RUN_NAMESPACE), notes.get(RunNames.ANNOTATION_RUN_NAME),
                notes.get(RunNames.ANNOTATION_RUN_UID), token);
    }
}
