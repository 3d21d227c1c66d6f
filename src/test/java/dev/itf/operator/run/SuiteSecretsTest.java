package dev.itf.operator.run;

import dev.itf.runner.Suites;
import dev.itf.validation.Reference;
import dev.itf.validation.SuiteValidator;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The Secrets a run copies: those of auth profiles and the CA certificates steps trust. */
class SuiteSecretsTest {

    @Test
    void caSecretsOfStepsAreCopiedAndCheckedLikeAuthSecrets() {
        var suite = Suites.parse("""
                spec:
                  auth:
                    user: {jwt: {secretRef: {name: orders-jwt}}}
                  cases:
                    - id: A
                      title: a
                      steps:
                        - http: {url: "https://orders/api", tls: {caSecretRef: {name: orders-ca}}}
                        - security:
                            baseUrl: https://orders
                            tls: {caSecretRef: {name: edge-ca, key: root.pem}}
                            requests: [GET /api]
                            checks: {headers: owasp}
                """);
        assertThat(SuiteSecrets.referenced(suite)).containsExactly("orders-jwt", "orders-ca", "edge-ca");
        assertThat(SuiteValidator.references(suite.getSpec())).extracting(Reference::toString)
                .anySatisfy(r -> assertThat(r).contains("spec.cases[0].steps[0].http.tls.caSecretRef", "orders-ca", "ca.crt"))
                .anySatisfy(r -> assertThat(r).contains("spec.cases[0].steps[1].security.tls.caSecretRef", "edge-ca", "root.pem"));
    }
}
