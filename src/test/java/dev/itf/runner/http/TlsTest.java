package dev.itf.runner.http;

import dev.itf.results.CaseResult;
import dev.itf.results.Outcome;
import dev.itf.runner.Suites;
import dev.itf.runner.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static dev.itf.runner.Suites.only;
import static org.assertj.core.api.Assertions.assertThat;

class TlsTest {

    private TestServer server;

    @BeforeEach
    void start() throws Exception {
        server = TestServer.https().fixed("/hello", 200, "application/json", "{\"hello\":\"tls\"}");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private CaseResult run(String step) {
        return only(Suites.run("""
                spec:
                  cases:
                    - id: TLS_1
                      title: tls
                      steps:
                """ + step.indent(8), Map.of("base", server.url())));
    }

    @Test
    void selfSignedCertificateIsRejectedByDefault() {
        CaseResult c = run("""
                - name: verified
                  http: {url: "${base}/hello"}
                  expect: {status: 200}
                """);
        assertThat(c.outcome).isEqualTo(Outcome.ERRORED);
        assertThat(c.message).startsWith("step \"verified\": GET " + server.url() + "/hello: TLS handshake failed (")
                .endsWith("for a self-signed certificate set tls.insecure: true on the step");
    }

    @Test
    void insecureAcceptsTheSelfSignedCertificateForThatStepOnly() {
        CaseResult c = run("""
                - name: insecure
                  http: {url: "${base}/hello", tls: {insecure: true}}
                  expect: {status: 200, jsonPath: [{path: $.hello, equals: tls}]}
                - name: insecure graphql
                  graphql: {url: "${base}/hello", query: "{ hello }", tls: {insecure: true}}
                  expect: {status: 200}
                - name: verified again
                  http: {url: "${base}/hello"}
                """);
        assertThat(c.steps.get(0).outcome).as(c.steps.get(0).message).isEqualTo(Outcome.PASSED);
        assertThat(c.steps.get(1).outcome).as(c.steps.get(1).message).isEqualTo(Outcome.PASSED);
        assertThat(c.steps.get(2).outcome).isEqualTo(Outcome.ERRORED);
        assertThat(c.steps.get(2).message).contains("TLS handshake failed");
    }

    @Test
    void insecureAlsoSkipsTheHostNameCheck() {
        // the certificate names localhost and 127.0.0.1; 127.0.0.2 reaches the same loopback server under another name
        String otherName = server.url().replace("localhost", "127.0.0.2");
        CaseResult c = only(Suites.run("""
                spec:
                  cases:
                    - id: TLS_2
                      title: host name
                      steps:
                        - http: {url: "%s/hello", tls: {insecure: true}}
                          expect: {status: 200}
                """.formatted(otherName), Map.of()));
        assertThat(c.outcome).as(c.message).isEqualTo(Outcome.PASSED);
    }
}
