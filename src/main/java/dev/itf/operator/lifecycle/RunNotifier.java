package dev.itf.operator.lifecycle;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.itf.api.RunPhase;
import dev.itf.api.TestRun;
import dev.itf.api.TestRunSpec;
import dev.itf.operator.run.SecretData;
import io.fabric8.kubernetes.client.KubernetesClient;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Webhook notifications when a run ends in one of the phases a notify entry names (default Failed and Error). */
@ApplicationScoped
public class RunNotifier {
    private static final Logger LOG = Logger.getLogger(RunNotifier.class);
    private static final List<String> DEFAULT_ON = List.of("Failed", "Error");

    private final KubernetesClient client;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();

    public RunNotifier(KubernetesClient client) {
        this.client = client;
    }

    /** Sends in the background: a slow or failing webhook is logged and never holds up or fails the run. */
    public void finished(TestRun run, RunPhase phase) {
        for (TestRunSpec.Notify n : run.getSpec().notify) {
            List<String> on = n.on == null || n.on.isEmpty() ? DEFAULT_ON : n.on;
            if (n.webhook == null || !on.contains(phase.name())) {
                continue;
            }
            String token = token(run, n.webhook);
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("testRun", run.getMetadata().getName());
            body.put("namespace", run.getMetadata().getNamespace());
            body.put("suite", run.getSpec().suiteRef == null ? null : run.getSpec().suiteRef.name);
            body.put("phase", phase.name());
            body.put("summary", run.getStatus().summary);
            body.put("failures", run.getStatus().failures.stream().limit(5).toList());
            body.put("reportUrl", run.getStatus().reportUrl);
            try {
                HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(n.webhook.url))
                        .timeout(Duration.ofSeconds(10))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body)));
                if (token != null) {
                    req.header("Authorization", "Bearer " + token);
                }
                String target = URI.create(n.webhook.url).getHost();
                http.sendAsync(req.build(), HttpResponse.BodyHandlers.discarding()).whenComplete((res, err) -> {
                    if (err != null) {
                        LOG.warnf("notifying %s of TestRun %s/%s failed: %s", target, run.getMetadata().getNamespace(),
                                run.getMetadata().getName(), err.getMessage());
                    } else if (res.statusCode() / 100 != 2) {
                        LOG.warnf("notifying %s of TestRun %s/%s: HTTP %d", target, run.getMetadata().getNamespace(),
                                run.getMetadata().getName(), res.statusCode());
                    }
                });
            } catch (Exception e) {
                LOG.warnf("notifying about TestRun %s/%s failed: %s", run.getMetadata().getNamespace(),
                        run.getMetadata().getName(), e.getMessage());
            }
        }
    }

    private String token(TestRun run, TestRunSpec.Webhook hook) {
        if (hook.secretRef == null) {
            return null;
        }
        String key = hook.secretRef.key == null ? "token" : hook.secretRef.key;
        String token = SecretData.value(client.secrets().inNamespace(run.getMetadata().getNamespace())
                .withName(hook.secretRef.name).get(), key);
        if (token == null) {
            LOG.warnf("TestRun %s/%s: notify secretRef %s has no key %s; sending without a token",
                    run.getMetadata().getNamespace(), run.getMetadata().getName(), hook.secretRef.name, key);
        }
        return token;
    }
}
