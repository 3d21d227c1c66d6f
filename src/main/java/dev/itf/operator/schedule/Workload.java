package dev.itf.operator.schedule;

import dev.itf.api.TestScheduleSpec.WorkloadKind;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetStatus;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatus;

import java.util.Map;
import java.util.Objects;

/**
 * A Deployment, StatefulSet or DaemonSet as a rollout trigger sees it: its labels, its generation, and whether that
 * generation is fully available (every replica updated to it and available, none of an older one left).
 */
public record Workload(WorkloadKind kind, String name, Map<String, String> labels, long generation, boolean available) {

    public static Workload of(HasMetadata object) {
        if (object instanceof Deployment d) {
            return of(d);
        }
        if (object instanceof StatefulSet s) {
            return of(s);
        }
        if (object instanceof DaemonSet d) {
            return of(d);
        }
        throw new IllegalArgumentException("not a workload a rollout trigger watches: " + object.getKind());
    }

    static Workload of(Deployment d) {
        DeploymentStatus s = d.getStatus();
        int want = d.getSpec() == null || d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas();
        boolean available = s != null && observed(s.getObservedGeneration(), d)
                && n(s.getUpdatedReplicas()) == want && n(s.getAvailableReplicas()) == want && n(s.getReplicas()) == want;
        return new Workload(WorkloadKind.Deployment, d.getMetadata().getName(), labels(d), generation(d), available);
    }

    static Workload of(StatefulSet set) {
        StatefulSetStatus s = set.getStatus();
        int want = set.getSpec() == null || set.getSpec().getReplicas() == null ? 1 : set.getSpec().getReplicas();
        boolean available = s != null && observed(s.getObservedGeneration(), set)
                && n(s.getUpdatedReplicas()) == want && n(s.getReadyReplicas()) == want && n(s.getReplicas()) == want
                && (s.getUpdateRevision() == null || Objects.equals(s.getUpdateRevision(), s.getCurrentRevision()));
        return new Workload(WorkloadKind.StatefulSet, set.getMetadata().getName(), labels(set), generation(set), available);
    }

    static Workload of(DaemonSet d) {
        DaemonSetStatus s = d.getStatus();
        boolean available = s != null && observed(s.getObservedGeneration(), d)
                && n(s.getUpdatedNumberScheduled()) == n(s.getDesiredNumberScheduled())
                && n(s.getNumberAvailable()) == n(s.getDesiredNumberScheduled());
        return new Workload(WorkloadKind.DaemonSet, d.getMetadata().getName(), labels(d), generation(d), available);
    }

    private static boolean observed(Long observedGeneration, HasMetadata object) {
        return observedGeneration != null && observedGeneration >= generation(object);
    }

    private static long generation(HasMetadata object) {
        return object.getMetadata().getGeneration() == null ? 0 : object.getMetadata().getGeneration();
    }

    private static Map<String, String> labels(HasMetadata object) {
        return object.getMetadata().getLabels() == null ? Map.of() : object.getMetadata().getLabels();
    }

    private static int n(Integer value) {
        return value == null ? 0 : value;
    }
}
