package dev.itf.operator.run;

import com.fasterxml.jackson.databind.JsonNode;
import dev.itf.api.Component;
import dev.itf.api.TestRun;
import dev.itf.validation.KindScope;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.Serialization;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A manifests component: its objects as the user wrote them, put into the run namespace and labelled with the run. */
public final class ManifestObjects {
    private ManifestObjects() {
    }

    public static List<GenericKubernetesResource> build(TestRun run, Component c) {
        List<GenericKubernetesResource> out = new ArrayList<>();
        for (int i = 0; i < c.manifests.size(); i++) {
            JsonNode node = c.manifests.get(i);
            GenericKubernetesResource r = Serialization.jsonMapper().convertValue(node, GenericKubernetesResource.class);
            if (r.getKind() == null || r.getApiVersion() == null || r.getMetadata() == null || r.getMetadata().getName() == null) {
                throw new IllegalArgumentException("component " + c.name + ": manifests[" + i
                        + "] needs apiVersion, kind and metadata.name");
            }
            // the environment's Valid condition already refused these; a cluster-scoped object would ignore the namespace
            if (KindScope.BUILT_IN.clusterScoped(r.getApiVersion(), r.getKind())) {
                throw new IllegalArgumentException("component " + c.name + ": manifests[" + i + "]: " + r.getKind()
                        + " is cluster-scoped; a manifests component holds namespaced objects only");
            }
            r.getMetadata().setNamespace(RunNames.namespace(run));
            Map<String, String> labels = new LinkedHashMap<>(r.getMetadata().getLabels() == null ? Map.of() : r.getMetadata().getLabels());
            labels.putAll(RunLabels.component(run, c.name));
            r.getMetadata().setLabels(labels);
            out.add(r);
        }
        return out;
    }
}
