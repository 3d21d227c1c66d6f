package dev.itf.validation;

import dev.itf.api.TestRun;
import dev.itf.api.TestSuite;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RunValidatorTest {

    @Test
    void theRunOfTheSpecificationIsValid() {
        TestRun run = Yaml.read(TestRun.class, """
                apiVersion: itf.dev/v1alpha1
                kind: TestRun
                metadata: {generateName: orders-}
                spec:
                  suiteRef: {name: orders-api}
                  environmentRef: {name: orders-stack}
                  selector: {tags: [smoke], excludeTags: [slow], ids: []}
                  variables: {region: "${env.REGION}"}
                  parallelism: 4
                  retries: 1
                  timeout: 30m
                  cleanup: {namespace: Always, ttlSecondsAfterFinished: 86400}
                  notify:
                    - webhook: {url: "https://hooks.example.com/itf", secretRef: {name: hook}}
                      on: [Failed, Error]
                    - webhook: {url: "https://hooks.example.com/signed", secretRef: {name: hook, key: hmac}, auth: hmac}
                    - slack: {webhookSecretRef: {name: slack, key: url}}
                      on: [Failed, Recovered]
                    - email: {to: [qa@example.com], smtpSecretRef: {name: smtp}}
                      on: [Failed]
                """);
        assertThat(RunValidator.validate(run)).isEmpty();
    }

    @Test
    void everyFieldIsChecked() {
        TestRun run = Yaml.read(TestRun.class, """
                apiVersion: itf.dev/v1alpha1
                kind: TestRun
                metadata: {name: r}
                spec:
                  environmentRef: {name: Orders}
                  variables: {a: "${b"}
                  parallelism: 0
                  retries: -1
                  timeout: forever
                  cleanup: {ttlSecondsAfterFinished: -5}
                  notify: [{webhook: {url: "ftp://x"}, on: [Running]}, {}]
                """);
        assertThat(RunValidator.validate(run)).extracting(Problem::toString).containsExactly(
                "spec.suiteRef: is required",
                "spec.environmentRef.name: \"Orders\" is not a valid name: lower case letters, digits, '-' and '.', starting and ending with a letter or digit",
                "spec.variables.a: unclosed template expression \"${b\": add a closing }",
                "spec.parallelism: must be between 1 and 64, not 0",
                "spec.retries: must be at least 0, not -1",
                "spec.timeout: \"forever\" is not a duration such as 500ms, 30s, 5m or 1h30m",
                "spec.cleanup.ttlSecondsAfterFinished: must be at least 0, not -5",
                "spec.notify[0].webhook.url: \"ftp://x\" is not an http or https URL",
                "spec.notify[0].on[0]: \"Running\" is not one of Succeeded, Failed, Error, Recovered",
                "spec.notify[1]: give one of webhook, slack or email");
    }

    @Test
    void slackAndEmailEntriesAreCheckedFieldByField() {
        TestRun run = Yaml.read(TestRun.class, """
                apiVersion: itf.dev/v1alpha1
                kind: TestRun
                metadata: {generateName: r-}
                spec:
                  suiteRef: {name: s}
                  notify:
                    - slack: {}
                    - email: {to: [qa@example.com, "not an address"]}
                    - email: {to: [], smtpSecretRef: {name: Smtp}}
                    - webhook: {url: "https://h.example.com", auth: hmac}
                      slack: {webhookSecretRef: {name: slack}}
                """);
        assertThat(RunValidator.validate(run)).extracting(Problem::toString).containsExactly(
                "spec.notify[0].slack.webhookSecretRef: is required",
                "spec.notify[1].email.to[1]: \"not an address\" is not an e-mail address like qa@example.com",
                "spec.notify[1].email.smtpSecretRef: is required",
                "spec.notify[2].email.to: is required: at least one address",
                "spec.notify[2].email.smtpSecretRef.name: \"Smtp\" is not a valid name: lower case letters, digits, '-' and '.', starting and ending with a letter or digit",
                "spec.notify[3]: give only one of webhook, slack or email per entry",
                "spec.notify[3].webhook.secretRef: is required with auth: hmac (the Secret holding the HMAC key)");
    }

    @Test
    void selectedIdsMustBeCasesOfTheSuite() {
        TestRun run = Yaml.read(TestRun.class, """
                apiVersion: itf.dev/v1alpha1
                kind: TestRun
                metadata: {name: r}
                spec: {suiteRef: {name: s}, selector: {ids: [A, Z]}}
                """);
        TestSuite suite = Yaml.read(TestSuite.class, """
                apiVersion: itf.dev/v1alpha1
                kind: TestSuite
                metadata: {name: s}
                spec: {cases: [{id: A, title: a, steps: [{wait: {duration: 1s}}]}]}
                """);
        assertThat(RunValidator.validateAgainst(run, suite)).extracting(Problem::toString)
                .containsExactly("spec.selector.ids[1]: TestSuite \"s\" has no case \"Z\"");
    }
}
