package dev.itf.runner.auth;

import dev.itf.demo.DemoTargetExtension;
import dev.itf.json.Json;
import dev.itf.results.CaseResult;
import dev.itf.results.Outcome;
import dev.itf.results.RunResult;
import dev.itf.runner.RunOptions;
import dev.itf.runner.Suites;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Inline auth values are templates like every other string of a suite; the rendered secret never reaches a result. */
class InlineAuthTemplatesTest {

    @RegisterExtension
    static final DemoTargetExtension demo = new DemoTargetExtension();

    private static RunResult run(String auth, Map<String, String> env) {
        RunOptions o = new RunOptions();
        o.variables.put("baseUrl", demo.url());
        o.environment = env::get;
        o.fullLogs = true;
        return Suites.run("""
                spec:
                  auth:
                %s
                  cases:
                    - id: A1
                      title: basic auth from the environment
                      steps:
                        - http: {method: GET, url: "${baseUrl}/secure/basic", auth: user}
                          expect: {status: 200}
                """.formatted(auth.indent(4)), o);
    }

    @Test
    void anEnvironmentVariableInAnInlinePasswordIsRenderedAndRedacted() throws Exception {
        RunResult r = run("user: {basic: {username: \"${env.DEMO_USER}\", password: \"${env.DEMO_PASS}\"}}",
                Map.of("DEMO_USER", "demo", "DEMO_PASS", "demo-pass"));
        CaseResult c = Suites.only(r);
        assertThat(c.outcome).as(c.message).isEqualTo(Outcome.PASSED);
        assertThat(Json.MAPPER.writeValueAsString(r)).doesNotContain("demo-pass");
    }

    @Test
    void aDoubledDollarIsALiteralDollarBrace() {
        // the literal password "${env.DEMO_PASS}" is not the demo's password: 401, and no env lookup is needed
        CaseResult c = Suites.only(run("user: {basic: {username: demo, password: \"$${env.DEMO_PASS}\"}}", Map.of()));
        assertThat(c.outcome).isEqualTo(Outcome.FAILED);
        assertThat(c.message).contains("401");
    }

    @Test
    void anUnsetEnvironmentVariableErrorsTheStepNamingIt() {
        CaseResult c = Suites.only(run("user: {apiKey: {name: X-API-Key, value: \"${env.PARTNER_KEY}\"}}", Map.of()));
        assertThat(c.outcome).isEqualTo(Outcome.ERRORED);
        assertThat(c.message).contains("PARTNER_KEY");
    }
}
