package dev.itf.operator.lifecycle;

import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PodDiagnosisTest {

    static Pod waiting(String reason, String message) {
        return new PodBuilder().withNewMetadata().withName("db-1").endMetadata().withNewStatus()
                .withContainerStatuses(new ContainerStatusBuilder().withName("db").withNewState().withNewWaiting()
                        .withReason(reason).withMessage(message).endWaiting().endState().build())
                .endStatus().build();
    }

    @Test
    void namesTheWaitingReasonOfTheContainer() {
        assertThat(PodDiagnosis.describe("db", null, List.of(waiting("CrashLoopBackOff", "back-off 40s restarting"))))
                .isEqualTo("component db: pod db-1 container db is CrashLoopBackOff: back-off 40s restarting");
        assertThat(PodDiagnosis.describe("db", null, List.of(waiting("ErrImagePull", "not found"))))
                .contains("ErrImagePull");
    }

    @Test
    void namesTheSchedulersReasonForAPendingPod() {
        Pod pending = new PodBuilder().withNewMetadata().withName("db-1").endMetadata().withNewStatus().withPhase("Pending")
                .addNewCondition().withType("PodScheduled").withStatus("False").withReason("Unschedulable")
                .withMessage("0/3 nodes are available: 3 Insufficient memory.").endCondition().endStatus().build();
        assertThat(PodDiagnosis.describe("db", null, List.of(pending)))
                .isEqualTo("component db: pod db-1 is Pending, Unschedulable: 0/3 nodes are available: 3 Insufficient memory.");
    }

    @Test
    void namesAQuotaThatKeptThePodFromBeingCreated() {
        var d = new DeploymentBuilder().withNewStatus().addNewCondition().withType("ReplicaFailure").withStatus("True")
                .withMessage("pods \"db-1\" is forbidden: exceeded quota: itf-run-quota").endCondition().endStatus().build();
        assertThat(PodDiagnosis.describe("db", d, List.of())).contains("no pod could be created").contains("exceeded quota");
    }

    @Test
    void aRunningPodThatIsNotReadyFailsItsProbe() {
        Pod running = new PodBuilder().withNewMetadata().withName("db-1").endMetadata().withNewStatus().withPhase("Running")
                .withContainerStatuses(new ContainerStatusBuilder().withName("db").withReady(false).withNewState()
                        .withNewRunning().endRunning().endState().build()).endStatus().build();
        assertThat(PodDiagnosis.describe("db", null, List.of(running))).contains("readiness probe failing");
    }
}
