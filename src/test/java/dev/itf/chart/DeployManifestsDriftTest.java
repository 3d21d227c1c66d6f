package dev.itf.chart;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * deploy/itf.yaml must be the chart rendered with its defaults into namespace itf-system.
 * Run with -Ditf.update=true to rewrite it instead.
 */
class DeployManifestsDriftTest {
    static final Path FILE = Path.of("deploy", "itf.yaml");
    static final String REGENERATE = "./mvnw -B test -Dtest=DeployManifestsDriftTest -Ditf.update=true";

    @Test
    void deployManifestsAreTheRenderedChart() throws IOException {
        String expected = plainManifests();
        if (Boolean.getBoolean("itf.update")) {
            Files.createDirectories(FILE.getParent());
            Files.writeString(FILE, expected);
        }
        assertThat(Files.exists(FILE)).withFailMessage("%s is missing; generate it with: %s", FILE, REGENERATE).isTrue();
        String actual = Files.readString(FILE);
        assertThat(actual.equals(expected))
                .withFailMessage("%s differs from the chart in %s rendered with its defaults (%s); regenerate it with: %s",
                        FILE, ChartRendering.CHART, FirstDifference.of(expected, actual), REGENERATE)
                .isTrue();
    }

    @Test
    void deployManifestsStartWithTheirNamespace() throws IOException {
        List<HasMetadata> objects = ChartRendering.objects(Files.readString(FILE));
        assertThat(objects.get(0)).isInstanceOf(Namespace.class);
        assertThat(objects.get(0).getMetadata().getName()).isEqualTo(ChartRendering.NAMESPACE);
        assertThat(objects).extracting(HasMetadata::getKind).contains("Deployment", "ServiceAccount", "ClusterRole", "Service");
    }

    /** The chart's defaults without Helm's own labels, after the Namespace they go into. */
    static String plainManifests() {
        String rendered = ChartRendering.render(Map.of()).lines()
                .filter(line -> !line.contains("app.kubernetes.io/managed-by: Helm") && !line.contains("helm.sh/chart:"))
                .collect(Collectors.joining("\n", "", "\n"));
        return "# Rendered from the Helm chart in helm/itf with its default values; do not edit.\n"
                + "# Regenerate with: " + REGENERATE + "\n"
                + "# Install: kubectl apply -f crds/ -f deploy/\n"
                + "---\n"
                + "apiVersion: v1\n"
                + "kind: Namespace\n"
                + "metadata:\n"
                + "  name: " + ChartRendering.NAMESPACE + "\n"
                + "  labels:\n"
                + "    app.kubernetes.io/part-of: itf\n"
                + "    itf.dev/operator-namespace: \"true\"\n"
                + rendered;
    }
}
