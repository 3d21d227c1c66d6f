package dev.itf.operator.lifecycle;

import dev.itf.api.RunPhase;
import dev.itf.api.TestRun;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** A core/v1 Event on the TestRun at each phase change; the reason is the new phase. */
@ApplicationScoped
public class RunEvents {
    private static final Logger LOG = Logger.getLogger(RunEvents.class);
    private final KubernetesClient client;

    public RunEvents(KubernetesClient client) {
        this.client = client;
    }

    public void phaseChanged(TestRun run, RunPhase phase, String message, Instant now) {
        String time = now.truncatedTo(ChronoUnit.SECONDS).toString();
        // the name is unique per run and phase, so a repeated reconcile does not post the same event twice
        String name = run.getMetadata().getName() + "." + phase.name().toLowerCase() + "."
                + run.getMetadata().getUid().substring(0, 8);
        try {
            client.v1().events().inNamespace(run.getMetadata().getNamespace()).resource(new EventBuilder()
                    .withNewMetadata().withName(name).withNamespace(run.getMetadata().getNamespace()).endMetadata()
                    .withNewInvolvedObject()
                    .withApiVersion(run.getApiVersion()).withKind(run.getKind())
                    .withName(run.getMetadata().getName()).withNamespace(run.getMetadata().getNamespace())
                    .withUid(run.getMetadata().getUid())
                    .endInvolvedObject()
                    .withReason(phase.name())
                    .withMessage(message == null ? "phase " + phase : message)
                    .withType(phase == RunPhase.Error || phase == RunPhase.Failed ? "Warning" : "Normal")
                    .withFirstTimestamp(time).withLastTimestamp(time).withCount(1)
                    .withNewSource().withComponent("itf-operator").endSource()
                    .build()).create();
        } catch (KubernetesClientException e) {
            if (e.getCode() != 409) {
                LOG.warnf("could not record the %s event of TestRun %s/%s: %s", phase, run.getMetadata().getNamespace(),
                        run.getMetadata().getName(), e.getMessage());
            }
        }
    }
}
