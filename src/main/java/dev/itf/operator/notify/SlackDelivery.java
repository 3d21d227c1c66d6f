package dev.itf.operator.notify;

import dev.itf.api.TestRunStatus;
import dev.itf.http.Client;
import dev.itf.http.Request;
import dev.itf.json.Json;
import dev.itf.runner.Redactor;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Slack message through an incoming webhook, in Block Kit: a header with the suite and phase, the counts as fields,
 * the top failures, and a button to the report. The webhook URL is itself the credential, so it never appears in a
 * message about the delivery.
 */
public final class SlackDelivery implements Delivery {
    private static final int MAX_TEXT = 2900;  // Slack refuses a section text over 3000 characters

    private final Client http;
    private final URI url;
    private final String secretName;
    private final byte[] body;

    public SlackDelivery(Client http, URI url, String secretName, RunNotice notice) throws IOException {
        this.http = http;
        this.url = url;
        this.secretName = secretName;
        this.body = Json.MAPPER.writeValueAsBytes(message(notice));
    }

    static Map<String, Object> message(RunNotice n) {
        List<Object> blocks = new ArrayList<>();
        String icon = n.recovered() ? ":white_check_mark: Recovered:" : switch (n.phase()) {
            case Succeeded -> ":white_check_mark:";
            case Failed -> ":x:";
            default -> ":warning:";
        };
        String suite = n.suite() == null ? n.name() : n.suite();
        blocks.add(Map.of("type", "header", "text", plain(icon + " " + suite + " " + n.phase().name())));
        TestRunStatus.Summary s = n.summary();
        blocks.add(Map.of("type", "section", "fields", List.of(
                markdown("*Suite*\n" + suite),
                markdown("*Run*\n" + n.namespace() + "/" + n.name()),
                markdown("*Phase*\n" + n.phase().name() + (n.recovered() ? " (recovered)" : "")),
                markdown("*Cases*\n" + s.passed + " of " + s.total + " passed, " + s.failed + " failed, " + s.errored
                        + " errored, " + s.skipped + " skipped" + (s.flaky > 0 ? ", " + s.flaky + " flaky" : "")),
                markdown("*Duration*\n" + (n.duration() == null ? "-" : n.duration())))));
        if (!n.failures().isEmpty()) {
            StringBuilder text = new StringBuilder("*Top failures*");
            for (TestRunStatus.Failure f : n.failures()) {
                text.append("\n• `").append(f.id).append("` ").append(f.title == null ? "" : f.title)
                        .append(f.message == null ? "" : ": " + f.message.lines().findFirst().orElse(""));
            }
            blocks.add(Map.of("type", "section", "text", markdown(text.length() > MAX_TEXT ? text.substring(0, MAX_TEXT) + "…" : text.toString())));
        }
        if (n.reportUrl() != null) {
            blocks.add(Map.of("type", "actions", "elements", List.of(Map.of("type", "button", "text", plain("Open the report"),
                    "url", n.reportUrl()))));
        }
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("text", n.headline());  // shown where blocks are not: notifications, old clients
        message.put("blocks", blocks);
        return message;
    }

    private static Map<String, Object> plain(String text) {
        return Map.of("type", "plain_text", "text", text, "emoji", true);
    }

    private static Map<String, Object> markdown(String text) {
        return Map.of("type", "mrkdwn", "text", text);
    }

    @Override
    public String target() {
        return "Slack webhook of Secret " + secretName;
    }

    @Override
    public void attempt() throws DeliveryFailure {
        try {
            DeliveryFailure.checkHttp(http.send(Request.to(url).timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/json; charset=UTF-8").method("POST", body).build()).status());
        } catch (IOException e) {
            Redactor redactor = new Redactor();
            redactor.register(url.toString());
            redactor.register(url.getRawPath());
            throw new DeliveryFailure(redactor.redact(e.getClass().getSimpleName() + ": " + e.getMessage()), true);
        }
    }
}
