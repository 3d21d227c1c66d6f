package dev.itf.operator.run;

import dev.itf.api.Component;
import dev.itf.api.ComponentType;
import dev.itf.api.TestEnvironmentSpec;
import io.fabric8.kubernetes.api.model.HasMetadata;

import java.util.ArrayList;
import java.util.List;

/** The desired objects of a run, in the order they are created: the namespace and its guards, then each component, then the runners. */
public final class RunObjects {
    private RunObjects() {
    }

    /** Namespace, NetworkPolicy, quota, the token and the copies of the suite's Secrets. */
    public static List<HasMetadata> namespace(RunInputs in) {
        List<HasMetadata> out = new ArrayList<>();
        out.add(RunNamespace.build(in.run(), in.settings().podSecurity()));
        TestEnvironmentSpec.Isolation isolation = in.environment() == null ? null : in.environment().getSpec().isolation;
        if (isolation == null || isolation.networkPolicy == null || isolation.networkPolicy) {
            out.add(RunNetworkPolicy.build(in.run()));
        }
        if (isolation != null) {
            out.addAll(RunResourceQuota.build(in.run(), isolation.resourceQuota));
        }
        out.add(RunTokenSecret.build(in.run(), in.token()));
        if (!in.suiteSecrets().isEmpty()) {
            out.add(SuiteSecrets.build(in.run(), in.suiteSecrets()));
        }
        return out;
    }

    public static List<HasMetadata> component(RunInputs in, Component c) {
        if (c.type == ComponentType.MANIFESTS) {
            return new ArrayList<>(ManifestObjects.build(in.run(), c));
        }
        return ComponentObjects.build(in.run(), c, in.passwords().get(c.name), in.initScripts().get(c.name));
    }

    /** The suite ConfigMap and one Job per shard. */
    public static List<HasMetadata> runners(RunInputs in, long deadlineSeconds) {
        List<HasMetadata> out = new ArrayList<>();
        out.add(SuiteConfigMap.build(in.run(), in.suite(), in.schemas()));
        List<ComponentVariables> vars = in.components().stream().map(ComponentVariables::of).toList();
        int shards = in.run().getSpec().parallelism == null ? 1 : in.run().getSpec().parallelism;
        for (int i = 0; i < shards; i++) {
            out.add(RunnerJob.build(in.run(), i, shards, vars, !in.suiteSecrets().isEmpty(), deadlineSeconds, in.settings()));
        }
        return out;
    }
}
