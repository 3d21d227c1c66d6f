package dev.itf.operator;

import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.Optional;

/**
 * Leader election on a coordination.k8s.io/v1 Lease: of several operator replicas only the holder of the Lease
 * reconciles. The election is active in the prod profile (the operator SDK asks for this configuration only then);
 * without it this replica is the only one and so the leader. A replica that loses the Lease exits and restarts as a
 * follower, as the operator SDK does by default.
 */
@ApplicationScoped
public class Leadership {
    private static final Logger LOG = Logger.getLogger(Leadership.class);

    private volatile boolean leader = true;
    private volatile String holder;

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

    /** Whether this replica reconciles and takes results. */
    public boolean isLeader() {
        return leader;
    }

    /** The identity of the replica that holds the Lease, when known. */
    public Optional<String> holder() {
        return Optional.ofNullable(holder);
    }
}
