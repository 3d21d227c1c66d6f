package dev.itf.operator;

import com.fasterxml.jackson.databind.JsonNode;
import com.marcnuri.helm.Helm;
import dev.itf.api.LocalObjectRef;
import dev.itf.api.RunPhase;
import dev.itf.api.TestRun;
import dev.itf.api.TestRunSpec;
import dev.itf.api.TestSuite;
import dev.itf.json.Json;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The monitoring proof (e2e/monitoring-proof.sh runs it; skipped otherwise): Debian's Prometheus scrapes this operator
 * while it runs TestRuns of two suites (one passing, one failing) and keeps one running, with the chart's alert
 * rules loaded; then every query of the chart's Grafana dashboard is asked of Prometheus's HTTP API and must return
 * data (the load panels only when load steps ran). The answers go to target/monitoring-proof.md.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
class MonitoringProofTest {
    static final Path PROMETHEUS = Path.of("/usr/bin/prometheus");
    static final Duration WAIT = Duration.ofSeconds(240);
    static final String NS = TestRunLifecycleTest.NS;

    @Inject
    KubernetesClient client;
    @TestHTTPResource("/")
    URL base;

    private final HttpClient http = HttpClient.newHttpClient();
    private String prometheus;

    @Test
    void everyDashboardQueryReturnsDataFromARealPrometheus() throws Exception {
        Assumptions.assumeTrue(System.getProperty("itf.monitoring-proof") != null, "the monitoring proof runs with e2e/monitoring-proof.sh");
        Assumptions.assumeTrue(Files.isExecutable(PROMETHEUS), "Debian's prometheus is not installed at " + PROMETHEUS);
        Path dir = Files.createTempDirectory("itf-prometheus");
        Files.writeString(dir.resolve("rules.yaml"), Serialization.asYaml(Serialization.unmarshal(ruleSpec(), Map.class)));
        Files.writeString(dir.resolve("prometheus.yml"), """
                global: {scrape_interval: 2s, evaluation_interval: 2s}
                rule_files: [rules.yaml]
                scrape_configs:
                  - job_name: itf
                    metrics_path: /q/metrics
                    static_configs: [{targets: ["%s:%d"]}]
                """.formatted(base.getHost(), base.getPort()));
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        prometheus = "http://127.0.0.1:" + port;
        Process server = new ProcessBuilder(PROMETHEUS.toString(), "--config.file=" + dir.resolve("prometheus.yml"),
                "--storage.tsdb.path=" + dir.resolve("data"), "--web.listen-address=127.0.0.1:" + port)
                .redirectErrorStream(true).redirectOutput(dir.resolve("prometheus.log").toFile()).start();
        long started = System.currentTimeMillis() / 1000;
        try {
            await().atMost(WAIT).pollInterval(Duration.ofSeconds(1)).until(() -> results("up{job=\"itf\"} == 1").size() == 1);
            client.resources(TestSuite.class).inNamespace(NS).resource(TestRunLifecycleTest.suite("checkout", "/health", "/health", "/health")).create();
            client.resources(TestSuite.class).inNamespace(NS)
                    .resource(TestRunLifecycleTest.suite("orders", "/health", "/health", "/no-such-path", "http://127.0.0.1:1/refused")).create();
            // each suite twice, scraped in between, so counters rise (a counter's first sample is no increase)
            for (int round = 1; round <= 2; round++) {
                finish("checkout-" + round, "checkout", RunPhase.Succeeded);
                finish("orders-" + round, "orders", RunPhase.Failed);
                Thread.sleep(6000);  // three scrapes: the proof's figures, not an assertion on time
            }
            start("checkout-running", "checkout");
            await().atMost(WAIT).pollInterval(Duration.ofSeconds(1)).until(() -> !results("itf_testruns_active == 1").isEmpty()
                    && !results("itf_testruns_max_idle_seconds > 4").isEmpty()
                    && !results("ALERTS{alertname=\"ItfTestRunFailed\",alertstate=\"firing\"}").isEmpty());

            StringBuilder md = new StringBuilder("| panel | query | series | sample |\n|---|---|---|---|\n");
            List<String> empty = new ArrayList<>();
            JsonNode dashboard = Json.MAPPER.readTree(Path.of("helm/itf/dashboards/itf.json").toFile());
            for (JsonNode panel : dashboard.get("panels")) {
                for (JsonNode target : panel.path("targets")) {
                    String expr = target.get("expr").asText();
                    List<JsonNode> answer = results(expr);
                    md.append("| ").append(panel.get("title").asText()).append(" | `").append(expr.replace("|", "\\|")).append("` | ")
                            .append(answer.size()).append(" | ").append(sample(answer)).append(" |\n");
                    if (answer.isEmpty() && !expr.contains("itf_load_")) {
                        empty.add(panel.get("title").asText() + ": " + expr);
                    }
                }
            }
            List<JsonNode> alerts = results("ALERTS{alertstate=\"firing\"}");
            md.append("\nFiring alerts: ").append(String.join(", ", alerts.stream().map(a -> a.at("/metric/alertname").asText()
                    + "{" + a.at("/metric/suite").asText() + "," + a.at("/metric/severity").asText() + "}").sorted().toList())).append('\n');
            Files.createDirectories(Path.of("target"));
            Files.writeString(Path.of("target", "monitoring-proof.md"), md);
            Files.writeString(Path.of("target", "monitoring-proof.html"), panels(dashboard, started));
            System.out.println(md);
            assertThat(empty).as("dashboard queries without data").isEmpty();
            assertThat(alerts.stream().map(a -> a.at("/metric/alertname").asText()).toList()).contains("ItfTestRunFailed", "ItfPassRateLow");
        } finally {
            server.destroy();
            server.waitFor();
        }
    }

    /**
     * The dashboard's panels drawn from Prometheus's answers over the proof (query_range, 2 s steps): time series as
     * lines, instant and stat panels as their last values. A picture of the data, not of Grafana.
     */
    private String panels(JsonNode dashboard, long from) throws IOException, InterruptedException {
        long to = System.currentTimeMillis() / 1000;
        StringBuilder html = new StringBuilder("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>ITF dashboard panels</title><style>"
                + "body{font:13px system-ui,sans-serif;margin:16px;background:#f6f8fa}h1{font-size:18px}.grid{display:flex;flex-wrap:wrap;gap:12px}"
                + ".p{background:#fff;border:1px solid #d0d7de;padding:8px;width:560px}.p h2{font-size:14px;margin:0 0 6px}"
                + "code{font-size:11px;color:#57606a;display:block;margin-bottom:6px}td{padding:2px 8px}.row{width:100%;font-weight:600;margin-top:8px}"
                + "</style></head><body><h1>ITF Grafana dashboard: each panel's query answered by Prometheus during the proof</h1><div class=\"grid\">");
        for (JsonNode panel : dashboard.get("panels")) {
            String type = panel.get("type").asText();
            if (type.equals("row")) {
                html.append("<div class=\"row\">").append(esc(panel.get("title").asText())).append("</div>");
                continue;
            }
            html.append("<div class=\"p\"><h2>").append(esc(panel.get("title").asText())).append("</h2>");
            if (type.equals("alertlist")) {
                html.append("<table>");
                for (JsonNode a : results("ALERTS{alertstate=\"firing\"}")) {
                    html.append("<tr><td>firing</td><td><b>").append(esc(a.at("/metric/alertname").asText())).append("</b></td><td>")
                            .append(esc(a.at("/metric/suite").asText())).append("</td><td>").append(esc(a.at("/metric/severity").asText()))
                            .append("</td></tr>");
                }
                html.append("</table></div>");
                continue;
            }
            String expr = panel.get("targets").get(0).get("expr").asText();
            html.append("<code>").append(esc(expr)).append("</code>");
            if (type.equals("timeseries")) {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(prometheus + "/api/v1/query_range?query="
                        + URLEncoder.encode(expr, StandardCharsets.UTF_8) + "&start=" + from + "&end=" + to + "&step=2"))
                        .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
                JsonNode result = Json.MAPPER.readTree(r.body()).at("/data/result");
                int n = (int) ((to - from) / 2) + 1;
                String[] x = new String[n];
                for (int i = 0; i < n; i++) {
                    x[i] = "+" + (i * 2) + " s";
                }
                List<String> names = new ArrayList<>();
                List<double[]> series = new ArrayList<>();
                for (JsonNode s : result) {
                    List<String> labels = new ArrayList<>();
                    s.get("metric").fields().forEachRemaining(e -> labels.add(e.getValue().asText()));
                    names.add(String.join(" ", labels));
                    double[] v = new double[n];
                    java.util.Arrays.fill(v, Double.NaN);
                    for (JsonNode point : s.get("values")) {
                        int i = (int) ((point.get(0).asLong() - from) / 2);
                        if (i >= 0 && i < n) {
                            v[i] = Double.parseDouble(point.get(1).asText());
                        }
                    }
                    series.add(v);
                }
                html.append(names.isEmpty() ? "<p>no data</p>" : dev.itf.report.Charts.lines(panel.get("title").asText(), names, series, x,
                        v -> String.format(Locale.ROOT, "%.3g", v)));
            } else {
                List<JsonNode> answer = results(expr);
                html.append(answer.isEmpty() ? "<p>no data</p>" : "<table>");
                for (JsonNode s : answer) {
                    List<String> labels = new ArrayList<>();
                    s.get("metric").fields().forEachRemaining(e -> labels.add(e.getKey() + "=" + e.getValue().asText()));
                    html.append("<tr><td>").append(esc(String.join(", ", labels))).append("</td><td><b>")
                            .append(esc(String.format(Locale.ROOT, "%.3g", Double.parseDouble(s.at("/value/1").asText())))).append("</b></td></tr>");
                }
                html.append(answer.isEmpty() ? "" : "</table>");
            }
            html.append("</div>");
        }
        return html.append("</div></body></html>").toString();
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static String ruleSpec() {
        String rendered = new Helm(Path.of("helm", "itf")).template().withName("itf").withNamespace("itf-system")
                .set("metrics.prometheusRule.enabled", "true").call();
        for (String doc : rendered.split("(?m)^---\\s*$")) {
            if (doc.contains("kind: PrometheusRule")) {
                Map<?, ?> rule = Serialization.unmarshal(doc, Map.class);
                return Serialization.asYaml(rule.get("spec"));
            }
        }
        throw new AssertionError("the chart rendered no PrometheusRule");
    }

    private List<JsonNode> results(String expr) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(prometheus + "/api/v1/query?query="
                + URLEncoder.encode(expr, StandardCharsets.UTF_8))).timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        JsonNode body = Json.MAPPER.readTree(r.body());
        assertThat(body.path("status").asText()).as(expr + ": " + r.body()).isEqualTo("success");
        List<JsonNode> out = new ArrayList<>();
        body.at("/data/result").forEach(out::add);
        return out;
    }

    private static String sample(List<JsonNode> answer) {
        List<String> parts = new ArrayList<>();
        for (JsonNode s : answer.subList(0, Math.min(4, answer.size()))) {
            List<String> labels = new ArrayList<>();
            s.get("metric").fields().forEachRemaining(e -> labels.add(e.getKey() + "=" + e.getValue().asText()));
            String v = s.at("/value/1").asText();
            try {
                v = String.format(Locale.ROOT, "%.3g", Double.parseDouble(v));
            } catch (NumberFormatException e) {
                // NaN and the like stay as they are
            }
            parts.add("{" + String.join(",", labels) + "} " + v);
        }
        return String.join("<br>", parts).replace("|", "\\|") + (answer.size() > 4 ? "<br>…" : "");
    }

    private void start(String name, String suite) {
        TestRun r = new TestRun();
        r.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(NS).build());
        r.setSpec(new TestRunSpec());
        r.getSpec().suiteRef = new LocalObjectRef(suite);
        r.getSpec().parallelism = 1;
        r.getSpec().timeout = "30m";
        r.getSpec().variables.put("baseUrl", SharedDemoTarget.url());
        client.resources(TestRun.class).inNamespace(NS).resource(r).create();
    }

    private void finish(String name, String suite, RunPhase expected) throws Exception {
        start(name, suite);
        await().atMost(WAIT).until(() -> status(name) != null && status(name).namespace != null);
        String ns = status(name).namespace;
        await().atMost(WAIT).until(() -> client.batch().v1().jobs().inNamespace(ns).list().getItems().size() == 1);
        Job job = client.batch().v1().jobs().inNamespace(ns).list().getItems().get(0);
        new FakeKubelet(client, base.toURI()).runShard(job, true, true);
        await().atMost(WAIT).until(() -> status(name).phase == expected);
    }

    private dev.itf.api.TestRunStatus status(String name) {
        TestRun r = client.resources(TestRun.class).inNamespace(NS).withName(name).get();
        return r == null ? null : r.getStatus();
    }
}
