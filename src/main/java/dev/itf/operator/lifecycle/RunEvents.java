package dev.itf.operator.lifecycle;

import dev.itf.api.RunPhase;
import dev.itf.api.TestRun;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * core/v1 Events on a TestRun: one at each phase change (the reason is the new phase), and warnings. Each names the
 * operator replica that wrote it (reportingInstance, the pod's name), so one can see which replica led.
 */
@ApplicationScoped
public class RunEvents {
    static final String COMPONENT = "itf-operator";
    private static final Logger LOG = Logger.getLogger(RunEvents.class);
    private final KubernetesClient client;
    private final String instance;

    public RunEvents(KubernetesClient client, @ConfigProperty(name = "itf.leader-election.identity") Optional<String> identity) {
        this.client = client;
        this.instance = identity.filter(s -> !s.isBlank()).orElseGet(() -> Optional.ofNullable(System.getenv("HOSTNAME")).orElse(COMPONENT));
    }

    public void phaseChanged(TestRun run, RunPhase phase, String message, Instant now) {
        // the name is unique per run and phase, so a repeated reconcile does not post the same event twice
        String name = run.getMetadata().getName() + "." + phase.name().toLowerCase() + "."
                + run.getMetadata().getUid().substring(0, 8);
        post(run, name, phase.name(), message == null ? "phase " + phase : message,
                phase == RunPhase.Error || phase == RunPhase.Failed ? "Warning" : "Normal", now);
    }

    /** A Warning Event about something the operator skipped, once per run, reason and message. */
    public void warning(TestRun run, String reason, String message, Instant now) {
        String name = run.getMetadata().getName() + "." + reason.toLowerCase() + "."
                + Integer.toHexString((run.getMetadata().getUid() + message).hashCode());
        post(run, name, reason, message, "Warning", now);
    }

    private void post(TestRun run, String name, String reason, String message, String type, Instant now) {
        String time = now.truncatedTo(ChronoUnit.SECONDS).toString();
        try {
            client.v1().events().inNamespace(run.getMetadata().getNamespace()).resource(new EventBuilder()
                    .withNewMetadata().withName(name).withNamespace(run.getMetadata().getNamespace()).endMetadata()
                    .withNewInvolvedObject()
                    .withApiVersion(run.getApiVersion()).withKind(run.getKind())
                    .withName(run.getMetadata().getName()).withNamespace(run.getMetadata().getNamespace())
                    .withUid(run.getMetadata().getUid())
                    .endInvolvedObject()
                    .withReason(reason)
                    .withMessage(message)
                    .withType(type)
                    .withFirstTimestamp(time).withLastTimestamp(time).withCount(1)
                    .withNewSource().withComponent(COMPONENT).endSource()
                    .withReportingComponent(COMPONENT).withReportingInstance(instance)
                    .build()).create();
        } catch (KubernetesClientException e) {
            if (e.getCode() != 409) {
                LOG.warnf("could not record the %s event of TestRun %s/%s: %s", reason, run.getMetadata().getNamespace(),
                        run.getMetadata().getName(), e.getMessage());
            }
        }
    }
}
