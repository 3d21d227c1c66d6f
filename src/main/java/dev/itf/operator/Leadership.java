package dev.itf.operator;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.Optional;

/**
 * Leader election on a coordination.k8s.io/v1 Lease: of several operator replicas only the holder of the Lease
 * reconciles. The election is active in the prod profile (the operator SDK asks for this configuration only then);
 * without it this replica is the only one and so the leader. A replica that loses the Lease exits and restarts as a
 * follower, as the operator SDK does by default. A leader that shuts down shortens its Lease to a second, so another
 * replica takes over at its next try instead of after the whole lease duration.
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
                    LOG.warnf("stopped leading: the Lease %s is held by another replica", name);
                },
                identityOfLeader -> holder = identityOfLeader);
        return new LeaderElectionConfiguration(name, namespace.filter(s -> !s.isBlank()).orElse(null), lease, renew, retry,
                identity.filter(s -> !s.isBlank()).orElse(null), callbacks, exit);
    }

    void release(@Observes ShutdownEvent event) {
        String me = identity;
        if (!leader || me == null || leaseName == null) {
            return;
        }
        String ns = leaseNamespace == null ? client.getNamespace() : leaseNamespace;
        try {
            client.leases().inNamespace(ns).withName(leaseName).edit(lease -> {
                if (lease.getSpec() != null && me.equals(lease.getSpec().getHolderIdentity())) {
                    lease.getSpec().setLeaseDurationSeconds(1);
                }
                return lease;
            });
            LOG.infof("shutting down: the Lease %s is released to the other replicas", leaseName);
        } catch (KubernetesClientException e) {
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
