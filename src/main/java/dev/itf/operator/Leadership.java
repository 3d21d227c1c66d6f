package dev.itf.operator;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.interceptor.Interceptor;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Optional;

/**
 * Leader election on a coordination.k8s.io/v1 Lease: of several operator replicas only the holder of the Lease
 * reconciles. The election is active in the prod profile (the operator SDK asks for this configuration only then);
 * without it this replica is the only one and so the leader. A replica that loses the Lease while running exits and
 * restarts as a follower. A leader that shuts down stops reconciling and, once the operator SDK has stopped renewing,
 * gives the Lease up (no holder, as client-go and fabric8 release a Lease): a follower takes it at its next try
 * (within the retry period) instead of after the whole lease duration, which it counts from the last renewal.
 */
@ApplicationScoped
public class Leadership {
    private static final Logger LOG = Logger.getLogger(Leadership.class);

    @Inject
    KubernetesClient client;
    private volatile boolean leader = true;
    private volatile String holder;
    /** The Lease and this replica's identity, when an election runs and the identity is known. */
    private volatile String leaseName;
    private volatile String leaseNamespace;
    private volatile String identity;
    private volatile boolean exitOnStopLeading;
    private volatile boolean shuttingDown;

    @Produces
    @Singleton
    LeaderElectionConfiguration election(
            @ConfigProperty(name = "itf.leader-election.lease-name", defaultValue = "itf-operator") String name,
            @ConfigProperty(name = "itf.leader-election.lease-namespace") Optional<String> namespace,
            @ConfigProperty(name = "itf.leader-election.identity") Optional<String> identity,
            @ConfigProperty(name = "itf.leader-election.lease-duration", defaultValue = "10s") Duration lease,
            @ConfigProperty(name = "itf.leader-election.renew-deadline", defaultValue = "8s") Duration renew,
            @ConfigProperty(name = "itf.leader-election.retry-period", defaultValue = "2s") Duration retry,
            @ConfigProperty(name = "itf.leader-election.exit-on-stop-leading", defaultValue = "true") boolean exit) {
        leader = false;
        this.leaseName = name;
        this.leaseNamespace = namespace.filter(s -> !s.isBlank()).orElse(null);
        this.identity = identity.filter(s -> !s.isBlank()).orElse(null);
        LeaderCallbacks callbacks = new LeaderCallbacks(
                () -> {
                    leader = true;
                    LOG.infof("leading: this replica holds the Lease %s", name);
                },
                () -> {
                    leader = false;
                    if (shuttingDown) {
                        return;
                    }
                    LOG.warnf("stopped leading: the Lease %s is held by another replica", name);
                    if (exitOnStopLeading) {
                        // restart as a follower; not from this thread, which the election runs on
                        Thread restart = new Thread(() -> System.exit(1), "itf-lost-lease");
                        restart.setDaemon(true);
                        restart.start();
                    }
                },
                identityOfLeader -> holder = identityOfLeader);
        this.exitOnStopLeading = exit;
        // the SDK's own exit on a lost Lease would also fire while the operator stops at shutdown, inside the JVM's
        // shutdown, where System.exit blocks: the callback above exits instead, and only when not shutting down
        return new LeaderElectionConfiguration(name, namespace.filter(s -> !s.isBlank()).orElse(null), lease, renew, retry,
                identity.filter(s -> !s.isBlank()).orElse(null), callbacks, false);
    }

    /** First of the shutdown: no more reconciles here, and losing the Lease from now on is expected. */
    void stopping(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) ShutdownEvent event) {
        shuttingDown = true;
        leader = false;
    }

    /**
     * After the operator SDK has stopped (and with it the renewals): a Lease this replica still holds gets no holder and
     * a duration of a second, so the next try of another replica takes it.
     */
    void release(@Observes @Priority(Interceptor.Priority.LIBRARY_AFTER + 1000) ShutdownEvent event) {
        String me = identity;
        if (me == null || leaseName == null) {
            return;
        }
        String ns = leaseNamespace == null ? client.getNamespace() : leaseNamespace;
        // a client of its own: the operator SDK closes the shared one when it stops, which is before this runs
        try (KubernetesClient own = new KubernetesClientBuilder().withConfig(client.getConfiguration()).build()) {
            boolean[] released = {false};
            own.leases().inNamespace(ns).withName(leaseName).edit(lease -> {
                if (lease.getSpec() != null && me.equals(lease.getSpec().getHolderIdentity())) {
                    lease.getSpec().setHolderIdentity("");
                    lease.getSpec().setLeaseDurationSeconds(1);
                    lease.getSpec().setRenewTime(ZonedDateTime.now(ZoneOffset.UTC));
                    released[0] = true;
                }
                return lease;
            });
            if (released[0]) {
                LOG.infof("shutting down: the Lease %s is released to the other replicas", leaseName);
            }
        } catch (RuntimeException e) {
            LOG.infof("shutting down: the Lease %s could not be released (%s); it expires after its duration", leaseName, e.getMessage());
        }
    }

    /** Whether this replica reconciles and takes results. */
    public boolean isLeader() {
        return leader;
    }

    /** The identity of the replica that holds the Lease, when known. */
    public Optional<String> holder() {
        return Optional.ofNullable(holder);
    }
}
