package dev.itf.operator.lifecycle;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;

import java.util.ArrayList;
import java.util.List;

/** What a component's pods are stuck on, in a sentence a user can act on. */
public final class PodDiagnosis {
    private static final int MAX_MESSAGE = 300;

    private PodDiagnosis() {
    }

    public static String describe(String component, Deployment deployment, List<Pod> pods) {
        List<String> problems = new ArrayList<>();
        for (Pod pod : pods) {
            String problem = podProblem(pod);
            if (problem != null) {
                problems.add(problem);
            }
        }
        if (problems.isEmpty() && pods.isEmpty() && deployment != null && deployment.getStatus() != null
                && deployment.getStatus().getConditions() != null) {
            for (DeploymentCondition c : deployment.getStatus().getConditions()) {
                if ("ReplicaFailure".equals(c.getType()) && "True".equals(c.getStatus())) {
                    problems.add("no pod could be created: " + cut(c.getMessage()));
                }
            }
        }
        if (problems.isEmpty()) {
            problems.add(pods.isEmpty() ? "no pod was created yet" : "its pod is not ready (readiness probe failing)");
        }
        return "component " + component + ": " + String.join("; ", problems);
    }

    static String podProblem(Pod pod) {
        String name = pod.getMetadata().getName();
        if (pod.getStatus() == null) {
            return null;
        }
        List<ContainerStatus> statuses = new ArrayList<>();
        if (pod.getStatus().getInitContainerStatuses() != null) statuses.addAll(pod.getStatus().getInitContainerStatuses());
        if (pod.getStatus().getContainerStatuses() != null) statuses.addAll(pod.getStatus().getContainerStatuses());
        for (ContainerStatus cs : statuses) {
            if (cs.getState() != null && cs.getState().getWaiting() != null && cs.getState().getWaiting().getReason() != null
                    && !"ContainerCreating".equals(cs.getState().getWaiting().getReason())
                    && !"PodInitializing".equals(cs.getState().getWaiting().getReason())) {
                String msg = cs.getState().getWaiting().getMessage();
                return "pod " + name + " container " + cs.getName() + " is " + cs.getState().getWaiting().getReason()
                        + (msg == null ? "" : ": " + cut(msg));
            }
            if (cs.getState() != null && cs.getState().getTerminated() != null) {
                var t = cs.getState().getTerminated();
                return "pod " + name + " container " + cs.getName() + " exited with code " + t.getExitCode()
                        + (t.getReason() == null ? "" : " (" + t.getReason() + ")");
            }
        }
        if (pod.getStatus().getConditions() != null) {
            for (PodCondition c : pod.getStatus().getConditions()) {
                if ("PodScheduled".equals(c.getType()) && "False".equals(c.getStatus())) {
                    return "pod " + name + " is Pending, " + (c.getReason() == null ? "not scheduled" : c.getReason())
                            + (c.getMessage() == null ? "" : ": " + cut(c.getMessage()));
                }
            }
        }
        return null;
    }

    private static String cut(String s) {
        return s.length() <= MAX_MESSAGE ? s : s.substring(0, MAX_MESSAGE - 1) + "…";
    }
}
