package dev.itf.operator.lifecycle;

import dev.itf.api.Component;
import dev.itf.api.ComponentType;
import dev.itf.api.Itf;
import dev.itf.operator.run.RunInputs;
import dev.itf.operator.run.RunNames;
import dev.itf.operator.run.RunObjects;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Creates the run namespace and the components in dependsOn order, and tells which are ready. */
@ApplicationScoped
public class Provisioning {
    private final RunCache cache;
    private final ClusterWriter writer;

    public Provisioning(RunCache cache, ClusterWriter writer) {
        this.cache = cache;
        this.writer = writer;
    }

    /**
     * @param waiting the components not ready yet, in dependsOn order (empty when the environment is ready)
     */
    public record Progress(List<String> waiting) {
        public boolean ready() {
            return waiting.isEmpty();
        }
    }

    /** One step forward: creates whatever may be created now and reports what is still not ready. */
    public Progress advance(RunInputs in) {
        String ns = RunNames.namespace(in.run());
        for (HasMetadata o : RunObjects.namespace(in)) {
            writer.createIfAbsent(ns, o);
        }
        Set<String> ready = new LinkedHashSet<>();
        List<String> waiting = new ArrayList<>();
        for (Component c : ComponentOrder.sort(in.components())) {
            if (!ComponentOrder.canStart(c, ready)) {
                waiting.add(c.name);
                continue;
            }
            for (HasMetadata o : RunObjects.component(in, c)) {
                writer.createIfAbsent(ns, o);
            }
            if (isReady(ns, c)) {
                ready.add(c.name);
            } else {
                waiting.add(c.name);
            }
        }
        return new Progress(waiting);
    }

    /** What the first component still waited for is stuck on, for the message of a provisioning timeout. */
    public String diagnose(RunInputs in, List<String> waiting) {
        String ns = RunNames.namespace(in.run());
        List<String> parts = new ArrayList<>();
        for (String name : waiting) {
            Deployment d = cache.deployment(ns, name).orElse(null);
            if (d == null) {
                continue;
            }
            List<Pod> pods = cache.pods(ns, Itf.LABEL_COMPONENT, name);
            parts.add(PodDiagnosis.describe(name, d, pods));
        }
        if (parts.isEmpty()) {
            return "components " + String.join(", ", waiting) + " never started: what they depend on was not ready";
        }
        return String.join("; ", parts);
    }

    private boolean isReady(String ns, Component c) {
        if (c.type == ComponentType.MANIFESTS) {
            return true;
        }
        Deployment d = cache.deployment(ns, c.name).orElse(null);
        if (d == null) {
            return false;
        }
        int want = d.getSpec() == null || d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas();
        int have = d.getStatus() == null || d.getStatus().getReadyReplicas() == null ? 0 : d.getStatus().getReadyReplicas();
        return have >= want;
    }
}
