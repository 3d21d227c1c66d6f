package dev.itf.operator;

import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * core/v1 Events on ITF resources. A name that is already taken means the event was recorded before: nothing is posted
 * twice. Each Event names the operator replica that wrote it (reportingInstance, the pod's name), so one can see which
 * replica led.
 */
@ApplicationScoped
public class Events {
    public static final String COMPONENT = "itf-operator";
    private static final Logger LOG = Logger.getLogger(Events.class);
    private final KubernetesClient client;
    private final String instance;

    public Events(KubernetesClient client, @ConfigProperty(name = "itf.leader-election.identity") Optional<String> identity) {
        this.client = client;
        this.instance = identity.filter(s -> !s.isBlank())
                .orElseGet(() -> Optional.ofNullable(System.getenv("HOSTNAME")).orElse(COMPONENT));
    }

    public void post(HasMetadata object, String name, String reason, String message, String type, Instant now) {
        String namespace = object.getMetadata().getNamespace();
        String time = now.truncatedTo(ChronoUnit.SECONDS).toString();
        try {
            client.v1().events().inNamespace(namespace).resource(new EventBuilder()
                    .withNewMetadata().withName(name).withNamespace(namespace).endMetadata()
                    .withNewInvolvedObject()
                    .withApiVersion(object.getApiVersion()).withKind(object.getKind())
                    .withName(object.getMetadata().getName()).withNamespace(namespace)
                    .withUid(object.getMetadata().getUid())
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
                LOG.warnf("could not record the %s event of %s %s/%s: %s", reason, object.getKind(), namespace,
                        object.getMetadata().getName(), e.getMessage());
            }
        }
    }
}
