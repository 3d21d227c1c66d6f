package dev.itf.operator;

import dev.itf.api.TestRun;
import io.fabric8.kubernetes.api.model.authorization.v1.ResourceRuleBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectRulesReviewBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Two replicas share a Lease: the holder reconciles and takes results; a replica that lost the Lease does neither. */
@QuarkusTest
@WithKubernetesTestServer(crud = true, setup = LeaderElectionTest.LeaseRights.class)
@TestProfile(LeaderElectionTest.Elected.class)
class LeaderElectionTest {
    static final String NS = "team";
    static final String LEASE_NS = "itf-system";
    static final String LEASE = "itf-operator-test";
    static final Duration WAIT = Duration.ofSeconds(120);  // only catches a hang: a loaded 2-core machine is slow

    public static class Elected implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.operator-sdk.activate-leader-election-for-profiles", "test",
                    "itf.leader-election.lease-name", LEASE,
                    "itf.leader-election.lease-namespace", LEASE_NS,
                    "itf.leader-election.identity", "replica-a",
                    "itf.leader-election.exit-on-stop-leading", "false",
                    "itf.results.dir", "target/itf-results-leader");
        }
    }

    /** The API server's answer to the operator SDK's check that it may use Leases. */
    public static class LeaseRights implements Consumer<KubernetesServer> {
        @Override
        public void accept(KubernetesServer server) {
            server.expect().post().withPath("/apis/authorization.k8s.io/v1/selfsubjectrulesreviews")
                    .andReturn(201, new SelfSubjectRulesReviewBuilder().withNewStatus().withIncomplete(false)
                            .withResourceRules(new ResourceRuleBuilder().withApiGroups("coordination.k8s.io")
                                    .withResources("leases").withVerbs("create", "get", "update").build())
                            .endStatus().build())
                    .always();
        }
    }

    @Inject
    KubernetesClient client;
    @Inject
    Leadership leadership;

    Lease lease() {
        return client.leases().inNamespace(LEASE_NS).withName(LEASE).get();
    }

    @Test
    void theHolderOfTheLeaseReconcilesAndAReplicaThatLostItStops() {
        await().atMost(WAIT).until(() -> lease() != null && "replica-a".equals(lease().getSpec().getHolderIdentity()));
        assertThat(leadership.isLeader()).isTrue();
        client.resources(dev.itf.api.TestSuite.class).inNamespace(NS).resource(TestRunLifecycleTest.suite("s-lead", 1)).create();
        client.resources(TestRun.class).inNamespace(NS).resource(new TestRunLifecycleTest().run("led", "s-lead", null, 1)).create();
        await().atMost(WAIT).until(() -> status("led") != null);
        // its Events name the replica that wrote them
        await().atMost(WAIT).untilAsserted(() -> assertThat(client.v1().events().inNamespace(NS).list().getItems().stream()
                .filter(e -> "led".equals(e.getInvolvedObject().getName())).toList())
                .isNotEmpty().allSatisfy(e -> {
                    assertThat(e.getReportingInstance()).isEqualTo("replica-a");
                    assertThat(e.getReportingComponent()).isEqualTo("itf-operator");
                }));

        // another replica takes the Lease over, as after this one stalled past the lease duration; the holder renews
        // it meanwhile, so a take-over that lost to a renewal (409) reads the Lease again and tries once more
        await().atMost(WAIT).until(this::takeOver);
        await().atMost(WAIT).until(() -> !leadership.isLeader());
        assertThat(leadership.holder()).contains("replica-b");

        RestAssured.given().body("{\"caseId\":\"API_001\",\"attempt\":1,\"outcome\":\"passed\"}").contentType("application/json")
                .header("Authorization", "Bearer x").post("/api/v1/results/team/led")
                .then().statusCode(503).header("Retry-After", "1");
        client.resources(TestRun.class).inNamespace(NS).resource(new TestRunLifecycleTest().run("unled", "s-lead", null, 1)).create();
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(30)).until(() -> status("unled") == null);
    }

    boolean takeOver() {
        Lease taken = lease();
        taken.getSpec().setHolderIdentity("replica-b");
        taken.getSpec().setLeaseDurationSeconds(3600);
        taken.getSpec().setRenewTime(ZonedDateTime.now().truncatedTo(ChronoUnit.MICROS));
        try {
            client.leases().inNamespace(LEASE_NS).resource(taken).update();
            return true;
        } catch (KubernetesClientException e) {
            if (e.getCode() == 409) {
                return false;
            }
            throw e;
        }
    }

    Object status(String name) {
        TestRun r = client.resources(TestRun.class).inNamespace(NS).withName(name).get();
        return r == null ? null : r.getStatus();
    }
}
