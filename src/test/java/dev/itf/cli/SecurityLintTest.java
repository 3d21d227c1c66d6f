package dev.itf.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code itf lint} on security steps and compliance: every mistake named by its field path, the examples clean. */
class SecurityLintTest {

    @TempDir
    Path dir;

    private String lint(String yaml, int expectedExit) throws Exception {
        Path file = dir.resolve("suite.yaml");
        Files.writeString(file, yaml);
        StringWriter out = new StringWriter();
        int exit = ItfCommand.execute(new PrintWriter(out, true), new PrintWriter(new StringWriter(), true), "lint", file.toString());
        assertThat(exit).as(out.toString()).isEqualTo(expectedExit);
        return out.toString();
    }

    @Test
    void eachMistakeIsNamedByItsFieldPath() throws Exception {
        String out = lint("""
                apiVersion: itf.dev/v1alpha1
                kind: TestSuite
                metadata: {name: bad-security}
                spec:
                  compliance: [owasp-api-2023, sox]
                  variables: {plainUrl: "http://orders:8080"}
                  auth:
                    admin: {basic: {username: a, password: b}}
                    user: {jwt: {key: k}}
                  cases:
                    - id: SEC
                      title: security
                      controls: ["gdpr:art17", "iso27001:A.9"]
                      steps:
                        - security:
                            baseUrl: "${plainUrl}/api"
                            requests: [GET /orders, "FETCH /orders"]
                            checks:
                              authentication: {valid: ghost, invalid: [none, forged]}
                              authorization:
                                - {request: GET /orders/1, allow: [user], deny: [nobody]}
                              transport: {minVersion: TLSv1.2}
                              headers: owasp
                              sqlInjection: true
                        - security:
                            baseUrl: https://orders
                            requests: [GET /orders]
                            checks:
                              authentication: {valid: admin, invalid: [expired, unsigned]}
                              dataExposure: [creditCard, shoeSize]
                """, 2);
        assertThat(out).contains(
                "spec.cases[0].steps[0].security.checks.sqlInjection: unknown field \"sqlInjection\"",
                "spec.compliance[1]: unknown compliance profile \"sox\"",
                "spec.cases[0].controls[1]: \"iso27001:A.9\" is not PROFILE:CONTROL with a known profile",
                "spec.cases[0].steps[0].security.requests[1]: \"FETCH /orders\" is not METHOD PATH",
                "spec.cases[0].steps[0].security.checks.authentication.valid: auth profile \"ghost\" is not defined",
                "spec.cases[0].steps[0].security.checks.authentication.invalid[1]: \"forged\" is neither a built-in variant",
                "spec.cases[0].steps[0].security.checks.authorization[0].deny[0]: auth profile \"nobody\" is not defined",
                "spec.cases[0].steps[0].security.baseUrl: the transport check needs an https:// baseUrl, not http://orders:8080/api",
                "spec.cases[0].steps[1].security.checks.authentication.invalid[0]: expired needs valid to be a jwt auth profile",
                "spec.cases[0].steps[1].security.checks.authentication.invalid[1]: unsigned forges a JWT bearer token",
                "spec.cases[0].steps[1].security.checks.dataExposure[1]: unknown kind \"shoeSize\"");
    }

    @Test
    void theSecurityExamplesAreValid() {
        StringWriter out = new StringWriter();
        int exit = ItfCommand.execute(new PrintWriter(out, true), new PrintWriter(new StringWriter(), true), "lint", "examples/security");
        assertThat(exit).as(out.toString()).isZero();
    }
}
