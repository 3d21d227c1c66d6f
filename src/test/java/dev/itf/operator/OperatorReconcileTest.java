package dev.itf.operator;

import dev.itf.api.RunPhase;
import dev.itf.api.TestEnvironment;
import dev.itf.api.TestRun;
import dev.itf.api.TestSuite;
import dev.itf.manifest.Manifests;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The operator reconciles resources the test creates on the mock API server, and the test waits for their status. */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
class OperatorReconcileTest {

    private static final Duration DEADLINE = Duration.ofSeconds(30);

    @Inject
    KubernetesClient client;

    private <T extends HasMetadata> T create(Class<T> type, String namespace, String yaml) throws Exception {
        T resource = Manifests.parse(Path.of("test.yaml"), yaml).get(0).as(type).resource();
        resource.getMetadata().setNamespace(namespace);
        return client.resources(type).inNamespace(namespace).resource(resource).create();
    }

    private static String suite(String name, String auth) {
        return """
                apiVersion: itf.dev/v1alpha1
                kind: TestSuite
                metadata: {name: %s}
                spec:
                  auth: %s
                  cases:
                    - id: API_001
                      title: List orders
                      steps:
                        - http: {url: "http://demo:8080/api/v1/orders", auth: admin}
                          expect: {status: 200}
                """.formatted(name, auth);
    }

    private Condition condition(Supplier<List<Condition>> conditions, String type) {
        List<Condition> all = conditions.get();
        return all == null ? null : all.stream().filter(c -> type.equals(c.getType())).findFirst().orElse(null);
    }

    private Condition suiteValid(String namespace, String name) {
        return condition(() -> {
            TestSuite s = client.resources(TestSuite.class).inNamespace(namespace).withName(name).get();
            return s == null || s.getStatus() == null ? null : s.getStatus().conditions;
        }, "Valid");
    }

    @Test
    void aValidSuiteBecomesValidWithItsCaseCount() throws Exception {
        create(TestSuite.class, "valid", suite("orders", "{admin: {basic: {username: u, password: p}}}"));

        await().atMost(DEADLINE).untilAsserted(() -> {
            Condition valid = suiteValid("valid", "orders");
            assertThat(valid).isNotNull();
            assertThat(valid.getStatus()).isEqualTo("True");
            assertThat(valid.getReason()).isEqualTo("Valid");
            assertThat(valid.getMessage()).isEqualTo("1 case");
            assertThat(valid.getLastTransitionTime()).isNotBlank();
            TestSuite s = client.resources(TestSuite.class).inNamespace("valid").withName("orders").get();
            assertThat(valid.getObservedGeneration()).isEqualTo(s.getMetadata().getGeneration());
            assertThat(s.getStatus().cases).isEqualTo(1);
            assertThat(s.getStatus().observedGeneration).isEqualTo(s.getMetadata().getGeneration());
            // the quality rules inform beside Valid and never make a suite invalid
            Condition quality = condition(() -> s.getStatus().conditions, "Quality");
            assertThat(quality.getStatus()).isEqualTo("False");
            assertThat(quality.getReason()).isEqualTo("QualityFindings");
            assertThat(quality.getMessage()).startsWith("4 quality findings: spec: warning ITF101 suite-description: the suite has no description; fix: ")
                    .contains("spec.cases[0]: warning ITF102 case-description", "spec.cases[0].steps[0].http.url: warning ITF303 hard-coded-host: \"http://demo:8080\"");
        });
    }

    @Test
    void anInvalidSuiteNamesTheFieldPath() throws Exception {
        create(TestSuite.class, "invalid", suite("orders", "{}"));

        await().atMost(DEADLINE).untilAsserted(() -> {
            Condition valid = suiteValid("invalid", "orders");
            assertThat(valid).isNotNull();
            assertThat(valid.getStatus()).isEqualTo("False");
            assertThat(valid.getReason()).isEqualTo("InvalidSpec");
            assertThat(valid.getMessage()).isEqualTo("spec.cases[0].steps[0].http.auth: auth \"admin\" is not defined; spec.auth is empty");
        });
    }

    @Test
    void aSuiteBecomesValidWhenItsMissingSecretIsCreated() throws Exception {
        create(TestSuite.class, "secrets", suite("orders", "{admin: {basic: {secretRef: {name: orders-admin}}}}"));

        await().atMost(DEADLINE).untilAsserted(() -> {
            Condition valid = suiteValid("secrets", "orders");
            assertThat(valid).isNotNull();
            assertThat(valid.getStatus()).isEqualTo("False");
            assertThat(valid.getReason()).isEqualTo("SecretNotFound");
            assertThat(valid.getMessage()).isEqualTo("spec.auth.admin.basic.secretRef: Secret \"orders-admin\" not found in namespace \"secrets\"");
        });

        client.secrets().inNamespace("secrets").resource(new SecretBuilder().withNewMetadata().withName("orders-admin").endMetadata()
                .addToStringData("username", "admin").addToStringData("password", "s3cret").build()).create();

        await().atMost(DEADLINE).untilAsserted(() -> {
            Condition valid = suiteValid("secrets", "orders");
            assertThat(valid.getStatus()).isEqualTo("True");
            assertThat(valid.getReason()).isEqualTo("Valid");
        });
    }

    @Test
    void aRunWithAMissingSuiteErrorsThenResolvesWhenTheSuiteIsCreated() throws Exception {
        create(TestRun.class, "runs", """
                apiVersion: itf.dev/v1alpha1
                kind: TestRun
                metadata: {name: orders-1}
                spec: {suiteRef: {name: orders}}
                """);

        await().atMost(DEADLINE).untilAsserted(() -> {
            TestRun run = client.resources(TestRun.class).inNamespace("runs").withName("orders-1").get();
            assertThat(run.getStatus()).isNotNull();
            assertThat(run.getStatus().phase).isEqualTo(RunPhase.Error);
            Condition resolved = condition(() -> run.getStatus().conditions, "Resolved");
            assertThat(resolved.getStatus()).isEqualTo("False");
            assertThat(resolved.getReason()).isEqualTo("SuiteNotFound");
            assertThat(resolved.getMessage()).isEqualTo("spec.suiteRef: TestSuite \"orders\" not found in namespace \"runs\"");
        });

        TestSuite suite = create(TestSuite.class, "runs", suite("orders", "{admin: {bearer: {token: t0k3n}}}"));

        await().atMost(DEADLINE).untilAsserted(() -> {
            TestRun run = client.resources(TestRun.class).inNamespace("runs").withName("orders-1").get();
            // once resolved the run moves on by itself: provisioning, then running its Jobs
            assertThat(run.getStatus().phase).isIn(RunPhase.Pending, RunPhase.Provisioning, RunPhase.Running);
            Condition resolved = condition(() -> run.getStatus().conditions, "Resolved");
            assertThat(resolved.getStatus()).isEqualTo("True");
            assertThat(resolved.getReason()).isEqualTo("Resolved");
            assertThat(run.getStatus().suiteGeneration).isEqualTo(suite.getMetadata().getGeneration());
        });
    }

    @Test
    void anEnvironmentBecomesValidWhenItsInitConfigMapIsCreated() throws Exception {
        create(TestEnvironment.class, "configmaps", """
                apiVersion: itf.dev/v1alpha1
                kind: TestEnvironment
                metadata: {name: stack}
                spec:
                  components:
                    - {name: orders-db, type: database, engine: postgres, init: {configMapRef: {name: orders-schema}}}
                """);
        Supplier<TestEnvironment> env = () -> client.resources(TestEnvironment.class).inNamespace("configmaps").withName("stack").get();

        await().atMost(DEADLINE).untilAsserted(() -> {
            Condition valid = condition(() -> env.get().getStatus() == null ? null : env.get().getStatus().conditions, "Valid");
            assertThat(valid).isNotNull();
            assertThat(valid.getStatus()).isEqualTo("False");
            assertThat(valid.getReason()).isEqualTo("ConfigMapNotFound");
            assertThat(valid.getMessage()).isEqualTo("spec.components[0].init.configMapRef: ConfigMap \"orders-schema\" not found in namespace \"configmaps\"");
            assertThat(env.get().getStatus().components).isEqualTo(1);
        });

        client.configMaps().inNamespace("configmaps").resource(new ConfigMapBuilder().withNewMetadata().withName("orders-schema").endMetadata()
                .addToData("001-schema.sql", "create table orders (id text primary key)").build()).create();

        await().atMost(DEADLINE).untilAsserted(() -> {
            Condition valid = condition(() -> env.get().getStatus().conditions, "Valid");
            assertThat(valid.getStatus()).isEqualTo("True");
            assertThat(valid.getMessage()).isEqualTo("1 component");
        });
    }

    @Test
    void aRunWhoseSuiteNamesAComponentTheEnvironmentLacksErrors() throws Exception {
        create(TestEnvironment.class, "fit", """
                apiVersion: itf.dev/v1alpha1
                kind: TestEnvironment
                metadata: {name: stack}
                spec:
                  components: [{name: cache, type: cache, engine: redis}]
                """);
        create(TestSuite.class, "fit", """
                apiVersion: itf.dev/v1alpha1
                kind: TestSuite
                metadata: {name: orders}
                spec:
                  cases: [{id: A, title: a, steps: [{sql: {component: orders-db, query: "select 1"}}]}]
                """);
        create(TestRun.class, "fit", """
                apiVersion: itf.dev/v1alpha1
                kind: TestRun
                metadata: {name: r}
                spec: {suiteRef: {name: orders}, environmentRef: {name: stack}}
                """);

        await().atMost(DEADLINE).untilAsserted(() -> {
            TestRun run = client.resources(TestRun.class).inNamespace("fit").withName("r").get();
            assertThat(run.getStatus()).isNotNull();
            assertThat(run.getStatus().phase).isEqualTo(RunPhase.Error);
            Condition resolved = condition(() -> run.getStatus().conditions, "Resolved");
            assertThat(resolved.getReason()).isEqualTo("ComponentNotFound");
            assertThat(resolved.getMessage()).isEqualTo("spec.environmentRef: TestSuite \"orders\" does not fit TestEnvironment \"stack\": "
                    + "spec.cases[0].steps[0].sql.component: component \"orders-db\" is not defined in TestEnvironment \"stack\"");
        });
    }
}
