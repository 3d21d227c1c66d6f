package dev.itf.operator.lifecycle;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.itf.api.RunPhase;
import dev.itf.api.TestRun;
import dev.itf.json.Json;
import dev.itf.operator.Events;
import dev.itf.operator.results.FileResultStore;
import dev.itf.operator.results.FinishedRun;
import dev.itf.operator.results.ResultStore;
import dev.itf.operator.results.RunKey;
import dev.itf.results.Outcome;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static dev.itf.results.CaseResults.result;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Notifications of finished runs, delivered to real receivers started here: HTTP servers for the webhook and Slack,
 * and an SMTP server (Debian's aiosmtpd) for e-mail. Secrets and Events live in the fabric8 mock API server.
 */
@EnableKubernetesMockClient(crud = true)
class NotificationsTest {
    private static final String NS = "team";
    private static final Duration WAIT = Duration.ofSeconds(60);
    static KubernetesClient client;

    @TempDir
    Path dir;
    private HttpServer receiver;
    private final List<String> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private ResultStore store;
    private RunNotifier notifier;

    @BeforeEach
    void start() throws Exception {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/", ex -> {
            byte[] body = ex.getRequestBody().readAllBytes();
            if (ex.getRequestURI().getPath().startsWith("/flaky") && failuresLeft.getAndDecrement() > 0) {
                received.add(ex.getRequestURI().getPath() + " 503");
                ex.sendResponseHeaders(503, -1);
            } else if (ex.getRequestURI().getPath().startsWith("/gone")) {
                received.add(ex.getRequestURI().getPath() + " 404");
                ex.sendResponseHeaders(404, -1);
            } else {
                var h = ex.getRequestHeaders();
                received.add(ex.getRequestURI().getPath() + " " + h.getFirst("Content-Type") + " auth=" + h.getFirst("Authorization")
                        + " sig=" + h.getFirst("X-ITF-Signature-256") + " " + new String(body, StandardCharsets.UTF_8));
                ex.sendResponseHeaders(204, -1);
            }
            ex.close();
        });
        receiver.start();
        store = new FileResultStore(dir.resolve("results"), Json.MAPPER);
        notifier = new RunNotifier(client, new RunEvents(new Events(client, Optional.of("itf-test"))), new RunHistory(store, client),
                store, 3, "20ms");
        secret("hook", Map.of("token", "bearer-t0ken-secret", "hmac", "hmac-key-secret"));
        secret("slack", Map.of("url", url("/services/T000/B000/slack-url-secret")));
    }

    @AfterEach
    void stop() {
        notifier.stop(null);
        receiver.stop(0);
        client.v1().events().inNamespace(NS).delete();
        client.resources(TestRun.class).inNamespace(NS).delete();
    }

    private String url(String path) {
        return "http://127.0.0.1:" + receiver.getAddress().getPort() + path;
    }

    private void secret(String name, Map<String, String> data) {
        client.secrets().inNamespace(NS).resource(new SecretBuilder().withNewMetadata().withName(name).endMetadata()
                .withStringData(data).build()).createOr(r -> r.update());
    }

    /** A finished run of the suite as the status update hands it over. */
    private static TestRun run(String name, String suite, RunPhase phase, Instant finished, String notifyYaml) {
        String yaml = """
                apiVersion: itf.dev/v1alpha1
                kind: TestRun
                metadata: {name: %s, namespace: %s, uid: uid-%s}
                spec:
                  suiteRef: {name: %s}
                  notify: %s
                status:
                  phase: %s
                  startTime: "%s"
                  completionTime: "%s"
                  duration: 42s
                  summary: {total: 3, passed: %d, failed: %d, errored: 0, skipped: 0, flaky: 0}
                  failures: %s
                  reportUrl: https://itf.example.com/runs/%s/%s
                """.formatted(name, NS, name, suite, notifyYaml, phase, finished.minusSeconds(42), finished,
                phase == RunPhase.Succeeded ? 3 : 2, phase == RunPhase.Succeeded ? 0 : 1,
                phase == RunPhase.Succeeded ? "[]" : "[{id: API_002, title: Orders list, message: \"status: expected 200, got 500\"}]",
                NS, name);
        try {
            return Json.YAML.readValue(yaml, TestRun.class);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private List<String> at(String path) {
        return received.stream().filter(r -> r.startsWith(path + " ")).toList();
    }

    private List<Event> warnings() {
        return client.v1().events().inNamespace(NS).list().getItems().stream()
                .filter(e -> RunNotifier.FAILED_REASON.equals(e.getReason())).toList();
    }

    @Test
    void aWebhookGetsACloudEventWithTheBearerTokenOrAnHmacSignature() throws Exception {
        Instant t = Instant.parse("2026-11-30T10:00:00Z");
        notifier.finished(run("r1", "orders-api", RunPhase.Failed, t, """
                [{webhook: {url: "%s", secretRef: {name: hook}}, on: [Failed]},
                 {webhook: {url: "%s", secretRef: {name: hook, key: hmac}, auth: hmac}, on: [Failed]},
                 {webhook: {url: "%s"}, on: [Succeeded]}]""".formatted(url("/bearer"), url("/signed"), url("/not-on-failure"))), RunPhase.Failed);
        await().atMost(WAIT).until(() -> at("/bearer").size() == 1 && at("/signed").size() == 1);

        String bearer = at("/bearer").get(0);
        assertThat(bearer).startsWith("/bearer application/cloudevents+json; charset=UTF-8 auth=Bearer bearer-t0ken-secret sig=null ");
        JsonNode event = Json.MAPPER.readTree(bearer.substring(bearer.indexOf('{')));
        assertThat(event.path("specversion").asText()).isEqualTo("1.0");
        assertThat(event.path("type").asText()).isEqualTo("dev.itf.testrun.finished");
        assertThat(event.path("source").asText()).isEqualTo("/apis/itf.dev/v1alpha1/namespaces/team/testruns/r1");
        assertThat(event.path("id").asText()).isEqualTo("uid-r1");
        assertThat(event.path("time").asText()).isEqualTo("2026-11-30T10:00:00Z");
        assertThat(event.path("datacontenttype").asText()).isEqualTo("application/json");
        JsonNode data = event.path("data");
        assertThat(data.path("suite").asText()).isEqualTo("orders-api");
        assertThat(data.path("phase").asText()).isEqualTo("Failed");
        assertThat(data.path("summary").path("failed").asInt()).isEqualTo(1);
        assertThat(data.path("failures").get(0).path("id").asText()).isEqualTo("API_002");
        assertThat(data.path("reportUrl").asText()).isEqualTo("https://itf.example.com/runs/team/r1");

        String signed = at("/signed").get(0);
        String body = signed.substring(signed.indexOf('{'));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec("hmac-key-secret".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        assertThat(signed).contains("auth=null sig=sha256=" + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8))));
        assertThat(body).doesNotContain("hmac-key-secret").doesNotContain("bearer-t0ken-secret");
        assertThat(at("/not-on-failure")).isEmpty();
    }

    @Test
    void slackGetsABlockKitMessageWithCountsTopFailuresAndTheReportLink() throws Exception {
        notifier.finished(run("r2", "orders-api", RunPhase.Failed, Instant.parse("2026-11-30T10:00:00Z"),
                "[{slack: {webhookSecretRef: {name: slack, key: url}}, on: [Failed, Recovered]}]"), RunPhase.Failed);
        await().atMost(WAIT).until(() -> at("/services/T000/B000/slack-url-secret").size() == 1);
        String got = at("/services/T000/B000/slack-url-secret").get(0);
        JsonNode message = Json.MAPPER.readTree(got.substring(got.indexOf('{')));
        assertThat(message.path("text").asText()).isEqualTo("orders-api Failed: 2 of 3 passed, 1 failed, 0 errored (team/r2)");
        JsonNode blocks = message.path("blocks");
        assertThat(blocks.get(0).path("type").asText()).isEqualTo("header");
        assertThat(blocks.get(0).path("text").path("text").asText()).contains("orders-api Failed");
        List<String> fields = new ArrayList<>();
        blocks.get(1).path("fields").forEach(f -> fields.add(f.path("text").asText()));
        assertThat(fields).contains("*Suite*\norders-api", "*Phase*\nFailed", "*Cases*\n2 of 3 passed, 1 failed, 0 errored, 0 skipped");
        assertThat(blocks.get(2).path("text").path("text").asText()).contains("`API_002` Orders list: status: expected 200, got 500");
        assertThat(blocks.get(3).path("elements").get(0).path("url").asText()).isEqualTo("https://itf.example.com/runs/team/r2");
    }

    @Test
    void recoveredIsTheFirstSuccessAfterAFailedRunOnly() throws Exception {
        Instant t = Instant.parse("2026-11-30T10:00:00Z");
        store.recordFinished(new FinishedRun(NS, "r3", "uid-r3", "payments", "Failed", t, 3, 2, 1, 0, 0, 0, 1000));
        String notify = "[{webhook: {url: \"%s\"}, on: [Recovered]}, {webhook: {url: \"%s\"}, on: [Succeeded]}]"
                .formatted(url("/recovered"), url("/succeeded"));
        notifier.finished(run("r4", "payments", RunPhase.Succeeded, t.plusSeconds(60), notify), RunPhase.Succeeded);
        await().atMost(WAIT).until(() -> at("/succeeded").size() == 1);
        assertThat(at("/recovered")).singleElement().satisfies(r -> assertThat(r).contains("\"recovered\":true"));

        notifier.finished(run("r5", "payments", RunPhase.Succeeded, t.plusSeconds(120), notify), RunPhase.Succeeded);
        await().atMost(WAIT).until(() -> at("/succeeded").size() == 2);
        // deliveries go in order on one thread: a Recovered for r5 would have arrived before its Succeeded
        assertThat(at("/recovered")).as("a second success in a row is no recovery").hasSize(1);
        await().atMost(WAIT).until(() -> store.history().size() == 3);
        assertThat(store.history()).extracting(FinishedRun::name).containsExactly("r5", "r4", "r3");
    }

    @Test
    void recoveredIsFoundFromTheClustersTestRunsWhenTheHistoryHasNone() {
        Instant t = Instant.parse("2026-11-30T10:00:00Z");
        TestRun failed = run("r6", "billing", RunPhase.Error, t, "[]");
        client.resources(TestRun.class).inNamespace(NS).resource(failed).create();
        client.resources(TestRun.class).inNamespace(NS).resource(failed).updateStatus();
        notifier.finished(run("r7", "billing", RunPhase.Succeeded, t.plusSeconds(60),
                "[{webhook: {url: \"%s\"}, on: [Recovered]}]".formatted(url("/recovered-from-cluster"))), RunPhase.Succeeded);
        await().atMost(WAIT).until(() -> at("/recovered-from-cluster").size() == 1);
    }

    @Test
    void aReceiverThatFailsIsRetriedWithBackoffAndOneThatRefusesBecomesAWarningEventWithoutSecrets() {
        failuresLeft.set(2);
        notifier.finished(run("r8", "orders-api", RunPhase.Failed, Instant.parse("2026-11-30T10:00:00Z"), """
                [{webhook: {url: "%s", secretRef: {name: hook}}},
                 {webhook: {url: "%s", secretRef: {name: hook}}},
                 {slack: {webhookSecretRef: {name: no-such-secret}}},
                 {email: {to: [qa@example.com], smtpSecretRef: {name: hook}}}]""".formatted(url("/flaky"), url("/gone"))), RunPhase.Failed);
        await().atMost(WAIT).until(() -> at("/flaky").stream().anyMatch(r -> r.contains("cloudevents")));
        assertThat(at("/flaky")).hasSize(3).first().isEqualTo("/flaky 503");
        await().atMost(WAIT).until(() -> warnings().size() == 3);
        List<String> messages = warnings().stream().map(Event::getMessage).sorted().toList();
        assertThat(messages).containsExactly(
                "Slack webhook of Secret no-such-secret not delivered: spec.notify[2].slack.webhookSecretRef: Secret no-such-secret not found in namespace team",
                "e-mail to qa@example.com not delivered: Secret hook needs the keys host and from (and port, username, password, tls as needed)",
                "webhook 127.0.0.1 not delivered: HTTP 404");
        assertThat(warnings()).allSatisfy(e -> {
            assertThat(e.getType()).isEqualTo("Warning");
            assertThat(e.getInvolvedObject().getName()).isEqualTo("r8");
        });
        assertThat(String.join("\n", messages)).doesNotContain("bearer-t0ken-secret").doesNotContain("slack-url-secret");
    }

    @Test
    void anEmailCarriesTheSummaryAndThePdfThroughARealSmtpServerWithAuth() throws Exception {
        String python = Stream.of("/usr/bin/python3", "python3").filter(NotificationsTest::hasAiosmtpd).findFirst().orElse(null);
        Assumptions.assumeTrue(python != null, "python3-aiosmtpd is not installed (.ci/run installs it): the SMTP test is skipped");
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        Path maildir = dir.resolve("maildir");
        Path script = Path.of("src/test/resources/smtp/smtp_server.py");
        Process smtp = new ProcessBuilder(python, script.toString(), String.valueOf(port), maildir.toString(), "itf", "smtp-pa55-secret")
                .redirectError(dir.resolve("smtp.log").toFile()).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(smtp.getInputStream(), StandardCharsets.UTF_8));
            assertThat(out.readLine()).as(() -> "the SMTP server started: " + read(dir.resolve("smtp.log"))).isEqualTo("ready");
            secret("smtp", Map.of("host", "127.0.0.1", "port", String.valueOf(port), "username", "itf", "password", "smtp-pa55-secret",
                    "from", "ITF <itf@example.com>"));
            secret("smtp-wrong", Map.of("host", "127.0.0.1", "port", String.valueOf(port), "username", "itf", "password", "not-it",
                    "from", "itf@example.com"));
            store.putAll(new RunKey(NS, "r9", "uid-r9"), List.of(result("API_001", 1, Outcome.PASSED, null),
                    result("API_002", 1, Outcome.FAILED, "status: expected 200, got 500"), result("API_003", 1, Outcome.PASSED, null)));
            notifier.finished(run("r9", "orders-api", RunPhase.Failed, Instant.parse("2026-11-30T10:00:00Z"), """
                    [{email: {to: [qa@example.com, lead@example.com], smtpSecretRef: {name: smtp}}, on: [Failed]},
                     {email: {to: [qa@example.com], smtpSecretRef: {name: smtp-wrong}}, on: [Failed]}]"""), RunPhase.Failed);
            await().atMost(WAIT).until(() -> Files.isDirectory(maildir.resolve("new")) && count(maildir.resolve("new")) == 1);
            await().atMost(WAIT).until(() -> warnings().size() == 1);
            assertThat(warnings().get(0).getMessage())
                    .isEqualTo("e-mail to qa@example.com via 127.0.0.1:" + port + " not delivered: SMTP 127.0.0.1:" + port
                            + " (Secret smtp-wrong) refused the username and password");

            Path file;
            try (Stream<Path> files = Files.list(maildir.resolve("new"))) {
                file = files.findFirst().orElseThrow();
            }
            MimeMessage mail;
            try (var in = Files.newInputStream(file)) {
                mail = new MimeMessage(Session.getInstance(new Properties()), in);
            }
            assertThat(mail.getSubject()).isEqualTo("[ITF] orders-api Failed: 2 of 3 passed, 1 failed, 0 errored (team/r9)");
            assertThat(mail.getFrom()[0].toString()).isEqualTo("ITF <itf@example.com>");
            assertThat(mail.getAllRecipients()).extracting(Object::toString).containsExactly("qa@example.com", "lead@example.com");
            Multipart parts = (Multipart) mail.getContent();
            assertThat(parts.getCount()).isEqualTo(2);
            assertThat((String) parts.getBodyPart(0).getContent()).contains("Top failures:\n- API_002 Orders list: status: expected 200, got 500")
                    .contains("Report: https://itf.example.com/runs/team/r9");
            Part pdf = parts.getBodyPart(1);
            assertThat(pdf.getFileName()).isEqualTo("summary.pdf");
            assertThat(pdf.getContentType()).startsWith("application/pdf");
            assertThat(pdf.getDisposition()).isEqualTo(Part.ATTACHMENT);
            byte[] bytes = pdf.getInputStream().readAllBytes();
            assertThat(new String(bytes, 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
            assertThat(Files.readString(file, StandardCharsets.ISO_8859_1)).doesNotContain("smtp-pa55-secret");
        } finally {
            smtp.getOutputStream().close();
            smtp.destroy();
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }

    private static long count(Path dir) throws java.io.IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.count();
        }
    }

    private static boolean hasAiosmtpd(String python) {
        try {
            return new ProcessBuilder(python, "-c", "import aiosmtpd").redirectErrorStream(true).start().waitFor() == 0;
        } catch (Exception e) {
            return false;
        }
    }
}
