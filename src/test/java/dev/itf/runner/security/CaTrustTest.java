package dev.itf.runner.security;

import dev.itf.demo.CertificateAuthority;
import dev.itf.results.ErrorKind;
import dev.itf.results.Outcome;
import dev.itf.results.RunResult;
import dev.itf.runner.RunOptions;
import dev.itf.runner.Suites;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** http and graphql steps trust a private CA given as a file or a Secret, and only where a step says so. */
class CaTrustTest {

    @TempDir
    Path dir;

    @Test
    void aStepTrustsTheCaItNamesAndNoOther() throws Exception {
        CertificateAuthority ca = CertificateAuthority.create("private CA", 10);
        CertificateAuthority other = CertificateAuthority.create("other CA", 10);
        Files.writeString(dir.resolve("ca.pem"), ca.pem());
        Files.writeString(dir.resolve("other.pem"), other.pem());
        try (TlsTestServer server = new TlsTestServer(TlsTestServer.keys(ca, List.of("localhost"), Instant.now().plus(Duration.ofDays(5))))) {
            RunOptions options = new RunOptions();
            options.suiteDirectory = dir;
            options.variables.put("url", "https://localhost:" + server.port() + "/status");
            options.environment = Map.of("ITF_SECRET_ORDERS_CA_CA_CRT", ca.pem())::get;
            RunResult r = Suites.run("""
                    spec:
                      cases:
                        - id: FILE
                          title: the CA from a file
                          steps:
                            - http: {url: "${url}", tls: {ca: ca.pem}}
                              expect: {status: 200}
                        - id: SECRET
                          title: the CA from a Secret
                          steps:
                            - http: {url: "${url}", tls: {caSecretRef: {name: orders-ca}}}
                              expect: {status: 200}
                        - id: NONE
                          title: the JVM's trust store does not know the CA
                          steps:
                            - http: {url: "${url}"}
                        - id: OTHER
                          title: another CA does not vouch for the server
                          steps:
                            - http: {url: "${url}", tls: {ca: other.pem}}
                    """, options);
            assertThat(r.cases).extracting(c -> c.outcome).containsExactly(Outcome.PASSED, Outcome.PASSED, Outcome.ERRORED, Outcome.ERRORED);
            assertThat(r.cases.get(2).errorKind).isEqualTo(ErrorKind.TLS);
            assertThat(r.cases.get(3).errorKind).isEqualTo(ErrorKind.TLS);
        }
    }
}
