package dev.itf.operator.notify;

import dev.itf.api.TestRunSpec;
import dev.itf.http.Client;
import dev.itf.http.Request;
import dev.itf.json.Json;
import dev.itf.runner.Redactor;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A webhook: the run as a CloudEvents 1.0 event in structured JSON mode (Content-Type application/cloudevents+json),
 * type {@value #TYPE}, id the run's uid (a receiver drops a retried delivery it has seen), source the run's API path.
 * The secret is sent as a bearer token, or signs the body: X-ITF-Signature-256: sha256=HEX (HMAC-SHA256).
 */
public final class WebhookDelivery implements Delivery {
    public static final String TYPE = "dev.itf.testrun.finished";
    public static final String SIGNATURE_HEADER = "X-ITF-Signature-256";

    private final Client http;
    private final URI url;
    private final String secret;
    private final TestRunSpec.WebhookAuth auth;
    private final byte[] body;

    public WebhookDelivery(Client http, URI url, String secret, TestRunSpec.WebhookAuth auth, RunNotice notice) throws IOException {
        this.http = http;
        this.url = url;
        this.secret = secret;
        this.auth = auth == null ? TestRunSpec.WebhookAuth.bearer : auth;
        this.body = Json.MAPPER.writeValueAsBytes(event(notice));
    }

    /** The CloudEvent: its context attributes, and the run in data. */
    static Map<String, Object> event(RunNotice n) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("testRun", n.name());
        data.put("namespace", n.namespace());
        data.put("suite", n.suite());
        data.put("phase", n.phase().name());
        data.put("recovered", n.recovered());
        data.put("summary", n.summary());
        data.put("failures", n.failures());
        data.put("reportUrl", n.reportUrl());
        data.put("duration", n.duration());
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("specversion", "1.0");
        event.put("type", TYPE);
        event.put("source", "/apis/itf.dev/v1alpha1/namespaces/" + n.namespace() + "/testruns/" + n.name());
        event.put("id", n.uid());
        event.put("subject", n.suite() == null ? n.name() : n.suite());
        if (n.completionTime() != null) {
            event.put("time", n.completionTime());
        }
        event.put("datacontenttype", "application/json");
        event.put("data", data);
        return event;
    }

    @Override
    public String target() {
        return "webhook " + url.getHost();
    }

    @Override
    public void attempt() throws DeliveryFailure {
        Request.Builder req = Request.to(url).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/cloudevents+json; charset=UTF-8")
                .method("POST", body);
        if (secret != null && auth == TestRunSpec.WebhookAuth.bearer) {
            req.header("Authorization", "Bearer " + secret);
        } else if (secret != null) {
            req.header(SIGNATURE_HEADER, "sha256=" + hmac(secret, body));
        }
        try {
            DeliveryFailure.checkHttp(http.send(req.build()).status());
        } catch (IOException e) {
            Redactor redactor = new Redactor();
            redactor.register(secret);
            throw new DeliveryFailure(redactor.redact(e.getClass().getSimpleName() + ": " + e.getMessage()), true);
        }
    }

    static String hmac(String key, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
