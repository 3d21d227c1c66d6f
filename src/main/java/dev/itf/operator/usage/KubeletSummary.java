package dev.itf.operator.usage;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.HashMap;
import java.util.Map;

/**
 * The part of a kubelet's stats summary ({@code /stats/summary}) that resources thresholds read: per pod, the CPU its
 * containers use now ({@code cpu.usageNanoCores}) and their memory working set ({@code memory.workingSetBytes}).
 */
public final class KubeletSummary {

    private KubeletSummary() {
    }

    /** What a pod's containers use, summed. */
    public record PodUsage(double cpuCores, long memoryBytes) {
    }

    /** The usage of each pod of the summary, by "namespace/name". */
    public static Map<String, PodUsage> byPod(JsonNode summary) {
        Map<String, PodUsage> out = new HashMap<>();
        for (JsonNode pod : summary.path("pods")) {
            JsonNode ref = pod.path("podRef");
            double nanoCores = 0;
            long bytes = 0;
            for (JsonNode c : pod.path("containers")) {
                nanoCores += c.path("cpu").path("usageNanoCores").asDouble(0);
                bytes += c.path("memory").path("workingSetBytes").asLong(0);
            }
            out.put(key(ref.path("namespace").asText(), ref.path("name").asText()), new PodUsage(nanoCores / 1e9, bytes));
        }
        return out;
    }

    static String key(String namespace, String name) {
        return namespace + "/" + name;
    }
}
