package dev.itf.chart;

import com.fasterxml.jackson.databind.JsonNode;
import dev.itf.json.Json;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.Serialization;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The chart's monitoring extras: the PrometheusRule's alerts checked and unit-tested by promtool (Debian's
 * prometheus package; .ci/run installs it), and the Grafana dashboard ConfigMap whose every query names only
 * metrics the operator exports.
 */
class MonitoringChartTest {
    static final Path PROMTOOL = Path.of("/usr/bin/promtool");
    /** SPEC §5's metrics (itf_load_* come from load steps). */
    static final Set<String> METRICS = Set.of("itf_testruns_total", "itf_testrun_duration_seconds_sum", "itf_testrun_duration_seconds_count",
            "itf_testcases_total", "itf_testcase_duration_seconds_sum", "itf_testcase_duration_seconds_count", "itf_testruns_active",
            "itf_testcase_errors_total", "itf_suite_pass_ratio", "itf_suite_last_phase", "itf_suite_failed_severity",
            "itf_testruns_max_idle_seconds", "itf_load_latency_seconds", "itf_load_requests_total");

    @TempDir
    Path dir;

    @Test
    void extrasAreOffByDefault() {
        List<HasMetadata> objects = ChartRendering.objects(ChartRendering.render(Map.of()));
        assertThat(objects).extracting(HasMetadata::getKind).doesNotContain("PrometheusRule", "ServiceMonitor", "ConfigMap");
    }

    @Test
    void theAlertsPassPromtoolsCheckAndUnitTests() throws Exception {
        GenericKubernetesResource rule = (GenericKubernetesResource) ChartRendering.objects(ChartRendering.render(Map.of(
                "metrics.prometheusRule.enabled", "true"))).stream().filter(o -> o.getKind().equals("PrometheusRule")).findFirst().orElseThrow();
        assertThat(rule.getApiVersion()).isEqualTo("monitoring.coreos.com/v1");
        Map<String, Object> spec = rule.get("spec");
        List<Map<String, Object>> rules = rule.get("spec", "groups", 0, "rules");
        assertThat(rules).extracting(r -> r.get("alert")).containsOnly("ItfTestRunFailed", "ItfPassRateLow", "ItfRunDurationHigh",
                "ItfRunsStuck", "ItfOperatorDown").contains("ItfPassRateLow", "ItfRunDurationHigh", "ItfRunsStuck", "ItfOperatorDown");
        for (Map<String, Object> r : rules) {
            @SuppressWarnings("unchecked") Map<String, String> labels = (Map<String, String>) r.get("labels");
            @SuppressWarnings("unchecked") Map<String, String> annotations = (Map<String, String>) r.get("annotations");
            assertThat(labels.get("severity")).as(r.get("alert").toString()).isIn("critical", "warning", "info");
            assertThat(annotations).as(r.get("alert").toString()).containsKeys("summary", "description", "runbook_url");
        }
        Files.writeString(dir.resolve("rules.yaml"), Serialization.asYaml(spec), StandardCharsets.UTF_8);
        Files.copy(Path.of(getClass().getResource("/monitoring/itf-alerts-test.yaml").toURI()), dir.resolve("itf-alerts-test.yaml"));

        Assumptions.assumeTrue(Files.isExecutable(PROMTOOL), "promtool is not installed at " + PROMTOOL
                + " (Debian package prometheus; .ci/run installs it)");
        String check = promtool("check", "rules", "rules.yaml");
        assertThat(check).contains("SUCCESS");
        String test = promtool("test", "rules", "itf-alerts-test.yaml");
        assertThat(test).contains("SUCCESS");
    }

    private String promtool(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(PROMTOOL.toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("promtool " + String.join(" ", args) + " ended in time").isTrue();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as("promtool " + String.join(" ", args) + ":\n" + output).isZero();
        return output;
    }

    @Test
    void theGrafanaDashboardIsAConfigMapWhoseQueriesNameOnlyExportedMetrics() throws Exception {
        ConfigMap map = (ConfigMap) ChartRendering.objects(ChartRendering.render(Map.of(
                "metrics.grafana.dashboards.enabled", "true"))).stream().filter(o -> o.getKind().equals("ConfigMap")).findFirst().orElseThrow();
        assertThat(map.getMetadata().getLabels()).containsEntry("grafana_dashboard", "1");
        JsonNode dashboard = Json.MAPPER.readTree(map.getData().get("itf.json"));
        assertThat(dashboard.get("title").asText()).isEqualTo("ITF");
        List<String> titles = new ArrayList<>();
        Set<String> named = new TreeSet<>();
        for (JsonNode panel : dashboard.get("panels")) {
            titles.add(panel.get("title").asText());
            if (panel.get("type").asText().equals("row") || panel.get("type").asText().equals("alertlist")) {
                continue;
            }
            assertThat(panel.get("targets")).as(panel.get("title").asText()).isNotEmpty();
            for (JsonNode target : panel.get("targets")) {
                Matcher m = Pattern.compile("\\b(itf_[a-z_]+|up)\\b").matcher(target.get("expr").asText());
                boolean any = false;
                while (m.find()) {
                    named.add(m.group(1));
                    any = true;
                }
                assertThat(any).as(panel.get("title").asText()).isTrue();
            }
        }
        assertThat(named).isSubsetOf(METRICS);
        assertThat(titles).contains("Active runs", "Last phase per suite", "Pass rate per suite", "Run duration per suite",
                "Error kinds (last 24 hours)", "Load latency per suite", "ITF alerts");
    }
}
