package dev.itf.operator.lifecycle;

import dev.itf.api.RunPhase;
import dev.itf.api.TestRun;
import dev.itf.api.TestRunSpec;
import dev.itf.http.Client;
import dev.itf.http.Request;
import dev.itf.http.Response;
import dev.itf.json.Json;
import dev.itf.operator.run.SecretData;
import io.fabric8.kubernetes.client.KubernetesClient;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** Webhook notifications when a run ends in one of the phases a notify entry names (default Failed and Error). */
@ApplicationScoped
public class RunNotifier {
    private static final Logger LOG = Logger.getLogger(RunNotifier.class);
    private static final List<String> DEFAULT_ON = List.of("Failed", "Error");

    private final KubernetesClient client;
    private final Client http = Client.builder().connectTimeout(Duration.ofSeconds(5)).build();
    /** Deliveries run here, one at a time, so a slow webhook never holds up a reconciler. */
    private final ExecutorService sender = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "itf-notify");
        t.setDaemon(true);
        return t;
    });

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
                Request.Builder req = Request.to(URI.create(n.webhook.url))
                        .timeout(Duration.ofSeconds(10))
                        .header("Content-Type", "application/json")
                        .method("POST", Json.MAPPER.writeValueAsBytes(body));
                if (token != null) {
                    req.header("Authorization", "Bearer " + token);
                }
                Request request = req.build();
                String target = URI.create(n.webhook.url).getHost();
                sender.execute(() -> {
                    try {
                        Response res = http.send(request);
                        if (res.status() / 100 != 2) {
                            LOG.warnf("notifying %s of TestRun %s/%s: HTTP %d", target, run.getMetadata().getNamespace(),
                                    run.getMetadata().getName(), res.status());
                        }
                    } catch (IOException err) {
                        LOG.warnf("notifying %s of TestRun %s/%s failed: %s", target, run.getMetadata().getNamespace(),
                                run.getMetadata().getName(), err.getMessage());
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
