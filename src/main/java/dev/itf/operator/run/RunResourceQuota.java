package dev.itf.operator.run;

import dev.itf.api.TestEnvironmentSpec;
import dev.itf.api.TestRun;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LimitRangeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuotaBuilder;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The environment's quota for the run namespace, with a LimitRange giving containers default limits:
 * a quota on limits rejects every pod that states none, and most preset containers state none.
 */
public final class RunResourceQuota {
    public static final String NAME = "itf-run-quota";

    private RunResourceQuota() {
    }

    public static List<HasMetadata> build(TestRun run, TestEnvironmentSpec.Quota quota) {
        if (quota == null || (quota.cpu == null && quota.memory == null)) {
            return List.of();
        }
        Map<String, Quantity> hard = new LinkedHashMap<>();
        Map<String, Quantity> defaults = new LinkedHashMap<>();
        Map<String, Quantity> defaultRequests = new LinkedHashMap<>();
        if (quota.cpu != null) {
            hard.put("limits.cpu", new Quantity(quota.cpu));
            defaults.put("cpu", new Quantity("1"));
            defaultRequests.put("cpu", new Quantity("100m"));
        }
        if (quota.memory != null) {
            hard.put("limits.memory", new Quantity(quota.memory));
            defaults.put("memory", new Quantity("1Gi"));
            defaultRequests.put("memory", new Quantity("256Mi"));
        }
        String ns = RunNames.namespace(run);
        return List.of(
                new ResourceQuotaBuilder()
                        .withNewMetadata().withName(NAME).withNamespace(ns).withLabels(RunLabels.of(run)).endMetadata()
                        .withNewSpec().withHard(hard).endSpec()
                        .build(),
                new LimitRangeBuilder()
                        .withNewMetadata().withName(NAME).withNamespace(ns).withLabels(RunLabels.of(run)).endMetadata()
                        .withNewSpec().addNewLimit().withType("Container")
                        .withDefault(defaults).withDefaultRequest(defaultRequests).endLimit().endSpec()
                        .build());
    }
}
