package dev.itf.chart;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Renders the ITF chart the way `helm template` does, with helm-java. */
final class ChartRendering {
    static final Path CHART = Path.of("helm", "itf");
    static final String RELEASE = "itf";
    static final String NAMESPACE = "itf-system";

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private ChartRendering() {
    }

    /** The rendered manifests, as `helm template itf helm/itf --namespace itf-system --set ...` prints them. */
    static String render(Map<String, Object> values) {
        TemplateCommand template = new Helm(CHART).template().withName(RELEASE).withNamespace(NAMESPACE);
        values.forEach(template::set);
        return template.call();
    }

    static List<HasMetadata> objects(String manifests) {
        List<HasMetadata> objects = new ArrayList<>();
        for (String document : manifests.split("(?m)^---\\s*$")) {
            if (!document.lines().allMatch(line -> line.isBlank() || line.startsWith("#"))) {
                objects.add(SERIALIZATION.unmarshal(document, HasMetadata.class));
            }
        }
        return objects;
    }
}
