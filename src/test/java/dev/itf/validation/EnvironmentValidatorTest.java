package dev.itf.validation;

import dev.itf.api.TestEnvironment;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class EnvironmentValidatorTest {

    /** The environment of the product specification. */
    static final String FULL_ENVIRONMENT = """
            apiVersion: itf.dev/v1alpha1
            kind: TestEnvironment
            metadata: {name: orders-stack}
            spec:
              provisioningTimeout: 5m
              isolation:
                networkPolicy: true
                resourceQuota: {cpu: "4", memory: 8Gi}
              components:
                - name: orders-api
                  type: service
                  image: ghcr.io/acme/orders:1.4.2
                  args: []
                  env:
                    - {name: DB_URL, value: "jdbc:postgresql://orders-db:5432/orders"}
                    - {name: TOKEN, valueFrom: {secretKeyRef: {name: api-token, key: token}}}
                  ports: [{name: http, port: 8080}]
                  readiness: {httpGet: {path: /q/health/ready, port: 8080}}
                  resources: {}
                  replicas: 1
                  dependsOn: [orders-db, events]
                - name: orders-db
                  type: database
                  engine: postgres
                  version: "16"
                  database: orders
                  init: {configMapRef: {name: orders-schema}}
                - {name: events, type: queue, engine: rabbitmq}
                - {name: cache, type: cache, engine: redis}
                - name: extras
                  type: manifests
                  manifests:
                    - {apiVersion: v1, kind: ConfigMap, metadata: {name: extra}, data: {a: b}}
            """;

    private static List<String> problems(String components) {
        return EnvironmentValidator.validate(Yaml.read(TestEnvironment.class, """
                apiVersion: itf.dev/v1alpha1
                kind: TestEnvironment
                metadata: {name: e}
                spec:
                  components:
                """ + components.indent(4))).stream().map(Problem::toString).toList();
    }

    @Test
    void theEnvironmentOfTheSpecificationIsValid() {
        assertThat(EnvironmentValidator.validate(Yaml.read(TestEnvironment.class, FULL_ENVIRONMENT))).isEmpty();
    }

    @Test
    void componentNamesAreUniqueDns1035Labels() {
        assertThat(problems("""
                - {name: db, type: cache, engine: redis}
                - {name: db, type: cache, engine: redis}
                - {name: 1st, type: cache, engine: redis}
                - {type: cache, engine: redis}
                """)).containsExactly(
                "spec.components[1].name: duplicate component name \"db\" (also spec.components[0].name)",
                "spec.components[2].name: \"1st\" is not a valid component name (DNS-1035): lower case letters, digits and '-', starting with a letter, at most 63 characters",
                "spec.components[3].name: is required");
    }

    @Test
    void presetsNeedAnEngineOfTheirType() {
        assertThat(problems("""
                - {name: a, type: database, engine: redis}
                - {name: b, type: queue}
                - {name: c, type: cache, engine: redis, init: {configMapRef: {name: x}}}
                - {name: d, type: service, engine: postgres}
                - {name: e, type: manifests}
                """)).containsExactly(
                "spec.components[0].engine: \"redis\" is not an engine of a database; use one of postgres, mysql, mariadb",
                "spec.components[1].engine: is required",
                "spec.components[2].init: applies to database components only",
                "spec.components[3].image: is required",
                "spec.components[3].ports: is required: a service needs at least one port, e.g. [{name: http, port: 8080}]",
                "spec.components[3].engine: applies to database, queue and cache components, not to a service",
                "spec.components[4].manifests: is required: a manifests component needs at least one object");
    }

    @Test
    void dependsOnNamesExistAndFormNoCycle() {
        assertThat(problems("""
                - {name: a, type: cache, engine: redis, dependsOn: [b]}
                - {name: b, type: cache, engine: redis, dependsOn: [c]}
                - {name: c, type: cache, engine: redis, dependsOn: [a, ghost]}
                - {name: d, type: cache, engine: redis, dependsOn: [d]}
                """)).containsExactly(
                "spec.components[2].dependsOn[1]: component \"ghost\" is not defined in spec.components",
                "spec.components[3].dependsOn[0]: component \"d\" depends on itself",
                "spec.components[0].dependsOn: dependsOn forms a cycle: a -> b -> c -> a");
    }

    @Test
    void portsQuantitiesManifestsAndEnv() {
        List<String> found = EnvironmentValidator.validate(Yaml.read(TestEnvironment.class, """
                apiVersion: itf.dev/v1alpha1
                kind: TestEnvironment
                metadata: {name: e}
                spec:
                  provisioningTimeout: 5 minutes
                  isolation: {resourceQuota: {cpu: lots}}
                  components:
                    - name: web
                      type: service
                      image: nginx
                      ports: [{name: http, port: 70000}, {name: http, port: 81}]
                      env: [{name: A, value: x, valueFrom: {secretKeyRef: {name: s, key: k}}}]
                      replicas: 30
                    - name: m
                      type: manifests
                      manifests:
                        - {apiVersion: v1, kind: Namespace, metadata: {name: other}}
                        - {kind: ConfigMap, metadata: {name: c, namespace: default}}
                """)).stream().map(Problem::toString).toList();
        assertThat(found).containsExactly(
                "spec.provisioningTimeout: \"5 minutes\" is not a duration such as 500ms, 30s, 5m or 1h30m",
                "spec.isolation.resourceQuota.cpu: \"lots\" is not a Kubernetes quantity such as 500m, 4 or 8Gi",
                "spec.components[0].replicas: must be between 0 and 20, not 30",
                "spec.components[0].ports[0].port: must be between 1 and 65535, not 70000",
                "spec.components[0].ports[1].name: duplicate port name \"http\"",
                "spec.components[0].env[0]: set value or valueFrom, not both",
                "spec.components[1].manifests[0].kind: Namespace (v1) is cluster-scoped; a manifests component holds namespaced objects only, applied into the run namespace",
                "spec.components[1].manifests[1].apiVersion: is required",
                "spec.components[1].manifests[1].metadata.namespace: names namespace \"default\"; remove it: every object is applied into the run's own namespace");
    }

    static final String PRIVILEGED_MANIFESTS = """
            apiVersion: itf.dev/v1alpha1
            kind: TestEnvironment
            metadata: {name: e}
            spec:
              components:
                - name: extras
                  type: manifests
                  manifests:
                    - {apiVersion: v1, kind: ConfigMap, metadata: {name: fine, namespace: ""}}
                    - {apiVersion: rbac.authorization.k8s.io/v1, kind: ClusterRole, metadata: {name: admin-too}}
                    - {apiVersion: v1, kind: Secret, metadata: {name: planted, namespace: kube-system}}
                    - {apiVersion: example.com/v1, kind: Widget, metadata: {name: w}}
            """;

    @Test
    void manifestsThatReachOutsideTheRunNamespaceAreRefusedWithTheirPathAndReason() {
        List<Problem> found = EnvironmentValidator.validate(Yaml.read(TestEnvironment.class, PRIVILEGED_MANIFESTS));
        assertThat(found).extracting(Problem::path).containsExactly(
                "spec.components[0].manifests[1].kind", "spec.components[0].manifests[2].metadata.namespace");
        assertThat(found).extracting(Problem::reason).containsExactly(
                EnvironmentValidator.CLUSTER_SCOPED_OBJECT, EnvironmentValidator.FOREIGN_NAMESPACE);
        assertThat(found.get(1).message()).contains("kube-system");
    }

    @Test
    void aCustomKindIsClusterScopedWhenTheScopeSaysSo() {
        KindScope discovered = (apiVersion, kind) -> apiVersion.equals("example.com/v1") || KindScope.BUILT_IN.clusterScoped(apiVersion, kind);
        List<Problem> found = EnvironmentValidator.validate(Yaml.read(TestEnvironment.class, PRIVILEGED_MANIFESTS), discovered);
        assertThat(found).extracting(Problem::toString).contains(
                "spec.components[0].manifests[3].kind: Widget (example.com/v1) is cluster-scoped; a manifests component holds "
                        + "namespaced objects only, applied into the run namespace");
    }

    @Test
    void referencesNameInitConfigMapsAndEnvSources() {
        TestEnvironment env = Yaml.read(TestEnvironment.class, FULL_ENVIRONMENT);
        assertThat(EnvironmentValidator.references(env.getSpec())).containsExactly(
                Reference.secret("spec.components[0].env[1].valueFrom.secretKeyRef", "api-token", "token"),
                Reference.configMap("spec.components[1].init.configMapRef", "orders-schema", null));
    }
}
