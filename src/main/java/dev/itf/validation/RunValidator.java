package dev.itf.validation;

import dev.itf.api.RunPhase;
import dev.itf.api.TestRun;
import dev.itf.api.TestRunSpec;
import dev.itf.api.TestSuite;

import dev.itf.runner.CaseInstances;

import java.net.URI;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.List;

/** Checks a TestRun's own spec; whether its suite and environment exist and are valid is the run resolution's job. */
public final class RunValidator {

    /** The final phases, and Recovered: the first success of a suite after a failed or errored run. */
    public static final List<String> NOTIFY_PHASES = java.util.stream.Stream.concat(
            Arrays.stream(RunPhase.values()).filter(RunPhase::isFinal).map(Enum::name), java.util.stream.Stream.of("Recovered")).toList();
    private static final java.util.regex.Pattern EMAIL = java.util.regex.Pattern.compile("[^@\\s<>]+@[^@\\s<>]+\\.[^@\\s<>]+");

    private RunValidator() {
    }

    public static List<Problem> validate(TestRun run) {
        ProblemList problems = new ProblemList();
        if (run.getMetadata() == null || run.getMetadata().getGenerateName() == null) {
            problems.metadata(run);
        }
        if (problems.required("spec", run.getSpec())) {
            problems.addAll(validateSpec(run.getSpec()));
        }
        return problems.toList();
    }

    public static List<Problem> validateSpec(TestRunSpec spec) {
        ProblemList problems = new ProblemList();
        if (problems.required("spec.suiteRef", spec.suiteRef)) {
            problems.objectName("spec.suiteRef.name", spec.suiteRef.name);
        }
        if (spec.environmentRef != null) {
            problems.objectName("spec.environmentRef.name", spec.environmentRef.name);
        }
        problems.templates("spec.variables", spec.variables);
        problems.range("spec.parallelism", spec.parallelism, 1, 64);
        problems.min("spec.retries", spec.retries, 0);
        problems.duration("spec.timeout", spec.timeout);
        if (spec.cleanup != null) {
            problems.min("spec.cleanup.ttlSecondsAfterFinished", spec.cleanup.ttlSecondsAfterFinished, 0);
        }
        for (int i = 0; spec.notify != null && i < spec.notify.size(); i++) {
            notify(problems, "spec.notify[" + i + "]", spec.notify.get(i));
        }
        return problems.toList();
    }

    /** Problems of the run against its suite: every id of spec.selector.ids must be a case of the suite. */
    public static List<Problem> validateAgainst(TestRun run, TestSuite suite) {
        ProblemList problems = new ProblemList();
        if (run.getSpec() == null || run.getSpec().selector == null || run.getSpec().selector.ids == null || suite.getSpec() == null) {
            return problems.toList();
        }
        Set<String> ids = new HashSet<>();
        suite.getSpec().cases.forEach(c -> ids.add(c == null ? null : c.id));
        List<String> selected = run.getSpec().selector.ids;
        for (int i = 0; i < selected.size(); i++) {
            // API_001[2] names one instance of a data-driven case; its rows may live in a file or ConfigMap, so any instance id is taken
            String base = CaseInstances.baseId(selected.get(i));
            boolean instance = suite.getSpec().cases.stream().anyMatch(c -> c != null && c.forEach != null && base != null && base.equals(c.id));
            if (!ids.contains(selected.get(i)) && !instance) {
                problems.add("spec.selector.ids[" + i + "]", "TestSuite \"" + suite.getMetadata().getName() + "\" has no case \"" + selected.get(i) + "\"");
            }
        }
        return problems.toList();
    }

    /** One notify entry: exactly one of webhook, slack and email, each complete, and phases it knows. */
    private static void notify(ProblemList problems, String path, TestRunSpec.Notify n) {
        if (n == null) {
            problems.add(path, "give one of webhook, slack or email");
            return;
        }
        int given = (n.webhook == null ? 0 : 1) + (n.slack == null ? 0 : 1) + (n.email == null ? 0 : 1);
        if (given != 1) {
            problems.add(path, given == 0 ? "give one of webhook, slack or email" : "give only one of webhook, slack or email per entry");
        }
        if (n.webhook != null) {
            if (problems.required(path + ".webhook.url", n.webhook.url)) {
                url(problems, path + ".webhook.url", n.webhook.url);
            }
            if (n.webhook.secretRef != null) {
                problems.objectName(path + ".webhook.secretRef.name", n.webhook.secretRef.name);
            } else if (n.webhook.auth == TestRunSpec.WebhookAuth.hmac) {
                problems.add(path + ".webhook.secretRef", "is required with auth: hmac (the Secret holding the HMAC key)");
            }
        }
        if (n.slack != null && problems.required(path + ".slack.webhookSecretRef", n.slack.webhookSecretRef)) {
            problems.objectName(path + ".slack.webhookSecretRef.name", n.slack.webhookSecretRef.name);
        }
        if (n.email != null) {
            if (n.email.to == null || n.email.to.isEmpty()) {
                problems.add(path + ".email.to", "is required: at least one address");
            }
            for (int k = 0; n.email.to != null && k < n.email.to.size(); k++) {
                String to = n.email.to.get(k);
                if (to == null || !EMAIL.matcher(to).matches()) {
                    problems.add(path + ".email.to[" + k + "]", "\"" + to + "\" is not an e-mail address like qa@example.com");
                }
            }
            if (problems.required(path + ".email.smtpSecretRef", n.email.smtpSecretRef)) {
                problems.objectName(path + ".email.smtpSecretRef.name", n.email.smtpSecretRef.name);
            }
        }
        for (int k = 0; n.on != null && k < n.on.size(); k++) {
            problems.oneOf(path + ".on[" + k + "]", n.on.get(k), NOTIFY_PHASES);
        }
    }

    private static void url(ProblemList problems, String path, String url) {
        try {
            URI uri = new URI(url);
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                problems.add(path, "\"" + url + "\" is not an http or https URL");
            }
        } catch (java.net.URISyntaxException e) {
            problems.add(path, "\"" + url + "\" is not a URL: " + e.getReason());
        }
    }
}
