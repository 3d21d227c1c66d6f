package dev.itf.operator;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * core/v1 Events on ITF resources. A name that is already taken means the event was recorded before: nothing is posted
 * twice. Each Event names the operator replica that wrote it (reportingInstance, the pod's name), so one can see which
 * replica led. Events are posted by one thread of their own, after the reconcile that records them: a burst of new
 * runs gets its Jobs before their Events, and no reconcile waits for one. When that thread is more than
 * {@value #QUEUED} Events behind, further ones are dropped with a log line (an Event is information, never a verdict).
 */
@ApplicationScoped
public class Events {
    public static final String COMPONENT = "itf-operator";
    private static final Logger LOG = Logger.getLogger(Events.class);
    private final KubernetesClient client;
    private final String instance;
    static final int QUEUED = 10_000;
    private final ThreadPoolExecutor poster = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(QUEUED), r -> {
                Thread t = new Thread(r, "itf-events");
                t.setDaemon(true);
                return t;
            }, (r, pool) -> {
                if (pool.isShutdown()) {
                    LOG.debug("the operator is stopping: an Event is not posted");
                } else {
                    LOG.warn("more Events waiting than " + QUEUED + "; one is dropped");
                }
            });

    public Events(KubernetesClient client, @ConfigProperty(name = "itf.leader-election.identity") Optional<String> identity) {
        this.client = client;
        this.instance = identity.filter(s -> !s.isBlank())
                .orElseGet(() -> Optional.ofNullable(System.getenv("HOSTNAME")).orElse(COMPONENT));
    }

    public void post(HasMetadata object, String name, String reason, String message, String type, Instant now) {
        String namespace = object.getMetadata().getNamespace();
        String time = now.truncatedTo(ChronoUnit.SECONDS).toString();
        // built now: the object may change once the reconcile goes on
        Event event = new EventBuilder()
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
                .build();
        poster.execute(() -> send(event));
    }

    /** What is queued is posted before the operator stops, for at most five seconds. */
    void drain(@Observes ShutdownEvent event) throws InterruptedException {
        poster.shutdown();
        poster.awaitTermination(5, TimeUnit.SECONDS);
    }

    private void send(Event event) {
        try {
            client.v1().events().inNamespace(event.getMetadata().getNamespace()).resource(event).create();
        } catch (RuntimeException e) {
            if (!(e instanceof KubernetesClientException k) || k.getCode() != 409) {
                LOG.warnf("could not record the %s event of %s %s/%s: %s", event.getReason(), event.getInvolvedObject().getKind(),
                        event.getMetadata().getNamespace(), event.getInvolvedObject().getName(), e.getMessage());
            }
        }
    }
}
