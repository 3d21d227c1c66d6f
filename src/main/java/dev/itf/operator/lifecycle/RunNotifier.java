package dev.itf.operator.lifecycle;

import dev.itf.api.RunPhase;
import dev.itf.api.TestRun;
import dev.itf.api.TestRunSpec;
import dev.itf.http.Client;
import dev.itf.json.Json;
import dev.itf.operator.notify.Deliveries;
import dev.itf.operator.notify.Delivery;
import dev.itf.operator.notify.DeliveryFailure;
import dev.itf.operator.notify.EmailDelivery;
import dev.itf.operator.notify.RunNotice;
import dev.itf.operator.notify.SlackDelivery;
import dev.itf.operator.notify.WebhookDelivery;
import dev.itf.operator.results.FinishedRun;
import dev.itf.operator.results.ResultStore;
import dev.itf.operator.results.ResultsResource;
import dev.itf.operator.run.DurationText;
import dev.itf.operator.run.SecretData;
import dev.itf.report.ReportFormat;
import dev.itf.report.ReportWriter;
import dev.itf.results.ResultSummary;
import dev.itf.results.RunResult;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What happens when a run finishes, besides its status: it joins the suite's history in the result store, and each
 * notify entry whose {@code on} names the phase (or Recovered, the suite's first success after a failed or errored
 * run) is delivered in the background: a webhook (CloudEvents 1.0), Slack (Block Kit) or e-mail (PDF summary
 * attached), retried with backoff. A notification that cannot be delivered becomes a Warning Event on the run
 * (reason {@value #FAILED_REASON}); it never changes the run's verdict.
 */
@ApplicationScoped
public class RunNotifier {
    public static final String FAILED_REASON = "NotificationFailed";
    private static final Logger LOG = Logger.getLogger(RunNotifier.class);
    private static final List<String> DEFAULT_ON = List.of("Failed", "Error");

    private final KubernetesClient client;
    private final RunEvents events;
    private final RunHistory history;
    private final ResultStore store;
    private final Deliveries deliveries;
    private final Client http = Client.builder().connectTimeout(Duration.ofSeconds(5)).build();

    public RunNotifier(KubernetesClient client, RunEvents events, RunHistory history, ResultStore store,
                       @ConfigProperty(name = "itf.notify.attempts", defaultValue = "5") int attempts,
                       @ConfigProperty(name = "itf.notify.backoff", defaultValue = "2s") String backoff) {
        this.client = client;
        this.events = events;
        this.history = history;
        this.store = store;
        this.deliveries = new Deliveries(attempts, DurationText.parse(backoff, Duration.ofSeconds(2)));
    }

    void stop(@Observes ShutdownEvent event) {
        deliveries.close();
    }

    /** Records and notifies in the background: nothing here holds up or changes the run. */
    public void finished(TestRun run, RunPhase phase) {
        // a copy: the informer's object changes under the background thread
        TestRun finished = Json.MAPPER.convertValue(run, TestRun.class);
        deliveries.execute(() -> announce(finished, phase));
    }

    private void announce(TestRun run, RunPhase phase) {
        boolean wantsRecovered = phase == RunPhase.Succeeded && run.getSpec().notify.stream()
                .anyMatch(n -> n != null && n.on != null && n.on.contains("Recovered"));
        boolean recovered = wantsRecovered && history.previous(run).map(FinishedRun::unsuccessful).orElse(false);
        deliveries.submit(new Delivery() {
            @Override
            public String target() {
                return "the run history in " + store.describe();
            }

            @Override
            public void attempt() throws DeliveryFailure {
                try {
                    history.record(run, phase);
                } catch (IOException e) {
                    throw new DeliveryFailure(e.getMessage(), true);
                }
            }
        }, (failure, attempts) -> LOG.warnf("TestRun %s/%s was not added to %s after %d attempts: %s",
                run.getMetadata().getNamespace(), run.getMetadata().getName(), store.describe(), attempts, failure.getMessage()));
        RunNotice notice = RunNotice.of(run, phase, recovered);
        for (int i = 0; i < run.getSpec().notify.size(); i++) {
            TestRunSpec.Notify n = run.getSpec().notify.get(i);
            List<String> on = n == null || n.on == null || n.on.isEmpty() ? DEFAULT_ON : n.on;
            if (n == null || notice.triggers().stream().noneMatch(on::contains)) {
                continue;
            }
            Delivery delivery = resolving(run, "spec.notify[" + i + "]", n, notice);
            deliveries.submit(delivery, (failure, attempts) -> failed(run, delivery.target(), failure, attempts));
        }
    }

    private void failed(TestRun run, String target, DeliveryFailure failure, int attempts) {
        String message = target + " not delivered" + (attempts > 1 ? " after " + attempts + " attempts" : "") + ": " + failure.getMessage();
        LOG.warnf("TestRun %s/%s: %s", run.getMetadata().getNamespace(), run.getMetadata().getName(), message);
        events.warning(run, FAILED_REASON, message, Instant.now());
    }

    /** A delivery that reads its Secret at its first attempt, so an API server that does not answer is tried again. */
    private Delivery resolving(TestRun run, String path, TestRunSpec.Notify n, RunNotice notice) {
        String target = n.webhook != null ? "webhook " + host(n.webhook.url)
                : n.slack != null ? "Slack webhook of Secret " + (n.slack.webhookSecretRef == null ? "?" : n.slack.webhookSecretRef.name)
                : n.email != null ? "e-mail to " + String.join(", ", n.email.to == null ? List.of() : n.email.to)
                : path;
        return new Delivery() {
            private Delivery resolved;

            @Override
            public String target() {
                return resolved == null ? target : resolved.target();
            }

            @Override
            public void attempt() throws DeliveryFailure {
                if (resolved == null) {
                    resolved = build(run, path, n, notice);
                }
                resolved.attempt();
            }
        };
    }

    private Delivery build(TestRun run, String path, TestRunSpec.Notify n, RunNotice notice) throws DeliveryFailure {
        String namespace = run.getMetadata().getNamespace();
        try {
            if (n.webhook != null) {
                String secret = n.webhook.secretRef == null ? null
                        : key(namespace, path + ".webhook.secretRef", n.webhook.secretRef.name,
                        n.webhook.secretRef.key == null ? "token" : n.webhook.secretRef.key);
                return new WebhookDelivery(http, URI.create(n.webhook.url), secret, n.webhook.auth, notice);
            }
            if (n.slack != null) {
                String name = n.slack.webhookSecretRef.name;
                String url = key(namespace, path + ".slack.webhookSecretRef", name,
                        n.slack.webhookSecretRef.key == null ? "url" : n.slack.webhookSecretRef.key).trim();
                URI uri;
                try {
                    uri = URI.create(url);
                } catch (IllegalArgumentException e) {
                    throw new DeliveryFailure(path + ".slack.webhookSecretRef: Secret " + name + " does not hold a URL", false);
                }
                if (!"https".equals(uri.getScheme()) && !"http".equals(uri.getScheme()) || uri.getHost() == null) {
                    throw new DeliveryFailure(path + ".slack.webhookSecretRef: Secret " + name + " does not hold an http or https URL", false);
                }
                return new SlackDelivery(http, uri, name, notice);
            }
            if (n.email != null) {
                String name = n.email.smtpSecretRef.name;
                EmailDelivery.Smtp smtp = EmailDelivery.Smtp.of(name, data(namespace, path + ".email.smtpSecretRef", name));
                return new EmailDelivery(smtp, n.email.to, notice, () -> pdf(run));
            }
        } catch (IOException e) {
            throw new DeliveryFailure(e.getMessage(), true);
        } catch (KubernetesClientException e) {
            throw new DeliveryFailure(path + ": the Secret cannot be read: HTTP " + e.getCode(), true);
        }
        throw new DeliveryFailure(path + ": give one of webhook, slack or email", false);
    }

    private String key(String namespace, String path, String secretName, String key) throws DeliveryFailure {
        String value = data(namespace, path, secretName).get(key);
        if (value == null || value.isEmpty()) {
            throw new DeliveryFailure(path + ": Secret " + secretName + " has no key " + key, false);
        }
        return value;
    }

    private Map<String, String> data(String namespace, String path, String secretName) throws DeliveryFailure {
        Secret secret = client.secrets().inNamespace(namespace).withName(secretName).get();
        if (secret == null) {
            throw new DeliveryFailure(path + ": Secret " + secretName + " not found in namespace " + namespace, false);
        }
        Map<String, String> out = new HashMap<>();
        if (secret.getData() != null) {
            secret.getData().keySet().forEach(k -> out.put(k, SecretData.value(secret, k)));
        }
        if (secret.getStringData() != null) {
            secret.getStringData().keySet().forEach(k -> out.put(k, SecretData.value(secret, k)));
        }
        return out;
    }

    /** The run's PDF summary, rendered from the stored results. */
    private byte[] pdf(TestRun run) throws IOException {
        RunResult report = new RunResult();
        report.suite = run.getSpec().suiteRef == null ? null : run.getSpec().suiteRef.name;
        report.startedAt = run.getStatus().startTime;
        report.finishedAt = run.getStatus().completionTime;
        report.shards = run.getSpec().parallelism == null ? 1 : run.getSpec().parallelism;
        report.cases = ResultSummary.lastAttempts(store.list(ResultsResource.key(run)));
        report.summary = RunResult.summarize(report.cases);
        Path dir = Files.createTempDirectory("itf-notify-");
        try {
            ReportWriter.write(report, dir, Set.of(ReportFormat.PDF));
            return Files.readAllBytes(dir.resolve(ReportFormat.PDF.fileName));
        } finally {
            try (var files = Files.walk(dir)) {
                for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    private static String host(String url) {
        try {
            return URI.create(url).getHost();
        } catch (IllegalArgumentException e) {
            return "(not a URL)";
        }
    }
}
