package dev.itf.chart;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** `helm lint` and `helm template` of helm/itf, and what the rendered objects promise. */
class HelmChartTest {

    private static final String IMAGE = "itf:" + projectVersion();

    @Test
    void lintPasses() {
        LintResult lint = new Helm(ChartRendering.CHART).lint().strict().call();
        assertThat(lint.isFailed()).withFailMessage(() -> "helm lint: " + lint.getMessages()).isFalse();
    }

    @Test
    void appVersionIsTheProjectVersion() throws IOException {
        assertThat(Files.readString(ChartRendering.CHART.resolve("Chart.yaml")))
                .contains("appVersion: \"" + projectVersion() + "\"");
    }

    @Test
    void defaultsRenderTheOperatorWithItsServiceAccountRbacServiceAndResultsClaim() {
        List<HasMetadata> objects = ChartRendering.objects(ChartRendering.render(Map.of()));
        assertThat(objects).extracting(HasMetadata::getKind).containsExactlyInAnyOrder(
                "ServiceAccount", "PersistentVolumeClaim", "ClusterRole", "ClusterRoleBinding", "Role", "RoleBinding",
                "Service", "Deployment");
        objects.stream().filter(o -> !o.getKind().startsWith("Cluster"))
                .forEach(o -> assertThat(o.getMetadata().getNamespace()).as(o.getKind()).isEqualTo(ChartRendering.NAMESPACE));

        assertThat(one(objects, Deployment.class).getSpec().getTemplate().getMetadata().getLabels())
                .containsEntry("app.kubernetes.io/part-of", "itf").containsEntry("app.kubernetes.io/component", "operator");
        PodSpec pod = one(objects, Deployment.class).getSpec().getTemplate().getSpec();
        assertThat(pod.getServiceAccountName()).isEqualTo(one(objects, ServiceAccount.class).getMetadata().getName());
        Container operator = pod.getContainers().get(0);
        assertThat(operator.getImage()).isEqualTo(IMAGE);
        assertThat(operator.getArgs()).containsExactly("operator");
        assertThat(env(operator, "ITF_RUNNER_IMAGE").getValue()).isEqualTo(IMAGE);
        assertThat(env(operator, "ITF_OPERATOR_URL").getValue()).isEqualTo("http://itf.itf-system.svc:8080");
        assertThat(env(operator, "ITF_RESULTS_DIR").getValue()).isEqualTo("/var/lib/itf/results");
        assertThat(env(operator, "POD_NAMESPACE").getValueFrom().getFieldRef().getFieldPath()).isEqualTo("metadata.namespace");

        assertThat(operator.getPorts()).singleElement().satisfies(port -> {
            assertThat(port.getName()).isEqualTo("http");
            assertThat(port.getContainerPort()).isEqualTo(8080);
        });
        assertThat(operator.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/q/health/live");
        assertThat(operator.getLivenessProbe().getHttpGet().getPort().getStrVal()).isEqualTo("http");
        assertThat(operator.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/q/health/ready");
        assertThat(operator.getReadinessProbe().getHttpGet().getPort().getStrVal()).isEqualTo("http");
        assertThat(operator.getResources().getRequests()).containsKeys("cpu", "memory");
        assertThat(operator.getResources().getLimits()).containsKeys("cpu", "memory");

        assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(pod.getSecurityContext().getRunAsUser()).isPositive();
        assertThat(operator.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(operator.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
        assertThat(operator.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
        assertThat(operator.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
        assertThat(mountPath(operator, "tmp")).isEqualTo("/tmp");
        assertThat(volume(pod, "tmp").getEmptyDir()).isNotNull();
        assertThat(mountPath(operator, "results")).isEqualTo("/var/lib/itf/results");
        assertThat(volume(pod, "results").getPersistentVolumeClaim().getClaimName()).isEqualTo("itf-results");

        Service service = one(objects, Service.class);
        assertThat(service.getMetadata().getName()).isEqualTo("itf");
        assertThat(service.getSpec().getPorts()).singleElement().satisfies(port -> {
            assertThat(port.getName()).isEqualTo("http");
            assertThat(port.getPort()).isEqualTo(8080);
            assertThat(port.getTargetPort().getStrVal()).isEqualTo("http");
        });
        assertThat(one(objects, Deployment.class).getSpec().getTemplate().getMetadata().getLabels())
                .containsAllEntriesOf(service.getSpec().getSelector());
    }

    @Test
    void rbacGrantsWhatTheOperatorNeedsWithoutWildcards() {
        List<HasMetadata> objects = ChartRendering.objects(ChartRendering.render(Map.of()));
        ClusterRole role = one(objects, ClusterRole.class);
        Role leaderElection = one(objects, Role.class);
        Stream.concat(role.getRules().stream(), leaderElection.getRules().stream()).forEach(rule -> {
            assertThat(rule.getApiGroups()).doesNotContain("*");
            assertThat(rule.getResources()).noneMatch(r -> r.contains("*"));
            assertThat(rule.getVerbs()).doesNotContain("*");
        });
        List<PolicyRule> rules = role.getRules();
        for (String resource : List.of("testsuites", "testenvironments", "testruns", "testschedules")) {
            assertAllowed(rules, "itf.dev", resource, "get", "list", "watch", "patch", "update");
            assertAllowed(rules, "itf.dev", resource + "/status", "patch", "update");
            assertAllowed(rules, "itf.dev", resource + "/finalizers", "update");
        }
        assertAllowed(rules, "itf.dev", "testruns", "create", "delete");
        // rollout triggers of TestSchedules
        assertAllowed(rules, "apps", "daemonsets", "get", "list", "watch");
        assertAllowed(rules, "", "namespaces", "create", "get", "list", "watch", "delete", "patch");
        assertAllowed(rules, "batch", "jobs", "create", "get", "list", "watch", "delete");
        assertAllowed(rules, "", "pods", "get", "list", "watch");
        assertThat(rules).as("nothing reads pod logs").noneMatch(rule -> rule.getResources().contains("pods/log"));
        // resources thresholds: the kubelet's stats summary through the node proxy, read only
        assertAllowed(rules, "", "nodes/proxy", "get");
        assertThat(rules).filteredOn(rule -> rule.getResources().contains("nodes/proxy")).singleElement()
                .satisfies(rule -> assertThat(rule.getVerbs()).containsExactly("get"));
        for (String resource : List.of("services", "configmaps", "secrets", "resourcequotas")) {
            assertAllowed(rules, "", resource, "create", "get", "list", "watch", "update", "patch", "delete");
        }
        assertAllowed(rules, "apps", "deployments", "create", "get", "list", "watch", "update", "patch", "delete");
        assertAllowed(rules, "apps", "statefulsets", "create", "get", "list", "watch", "update", "patch", "delete");
        assertAllowed(rules, "networking.k8s.io", "networkpolicies", "create", "get", "list", "watch", "update", "patch", "delete");
        assertAllowed(rules, "", "events", "create", "patch");
        assertAllowed(rules, "authentication.k8s.io", "tokenreviews", "create");
        assertAllowed(rules, "authorization.k8s.io", "subjectaccessreviews", "create");
        assertThat(rules).noneMatch(rule -> rule.getVerbs().contains("create") && rule.getResources().contains("pods"));
        assertAllowed(leaderElection.getRules(), "coordination.k8s.io", "leases", "create", "get", "update");
        assertThat(leaderElection.getMetadata().getNamespace()).isEqualTo(ChartRendering.NAMESPACE);

        ClusterRoleBinding binding = one(objects, ClusterRoleBinding.class);
        assertThat(binding.getRoleRef().getName()).isEqualTo(role.getMetadata().getName());
        assertThat(binding.getSubjects()).singleElement().satisfies(subject -> {
            assertThat(subject.getKind()).isEqualTo("ServiceAccount");
            assertThat(subject.getName()).isEqualTo("itf");
            assertThat(subject.getNamespace()).isEqualTo(ChartRendering.NAMESPACE);
        });
    }

    @Test
    void extraRulesWidenTheClusterRole() {
        List<HasMetadata> objects = ChartRendering.objects(ChartRendering.render(Map.of(
                "rbac.extraRules[0].apiGroups[0]", "apps",
                "rbac.extraRules[0].resources[0]", "daemonsets",
                "rbac.extraRules[0].verbs[0]", "create",
                "rbac.extraRules[0].verbs[1]", "delete")));
        assertAllowed(one(objects, ClusterRole.class).getRules(), "apps", "daemonsets", "create", "delete");
    }

    @Test
    void serviceMonitorOnAndPersistenceOff() {
        List<HasMetadata> objects = ChartRendering.objects(ChartRendering.render(Map.of(
                "metrics.serviceMonitor.enabled", "true",
                "results.persistence.enabled", "false")));
        assertThat(objects).extracting(HasMetadata::getKind).contains("ServiceMonitor").doesNotContain("PersistentVolumeClaim");
        GenericKubernetesResource monitor = (GenericKubernetesResource) objects.stream()
                .filter(o -> o.getKind().equals("ServiceMonitor")).findFirst().orElseThrow();
        assertThat(monitor.getApiVersion()).isEqualTo("monitoring.coreos.com/v1");
        List<Map<String, Object>> endpoints = monitor.get("spec", "endpoints");
        assertThat(endpoints).singleElement().satisfies(endpoint -> {
            assertThat(endpoint).containsEntry("port", "http").containsEntry("path", "/q/metrics");
        });
        Map<String, String> matchLabels = monitor.get("spec", "selector", "matchLabels");
        assertThat(one(objects, Service.class).getMetadata().getLabels()).containsAllEntriesOf(matchLabels);
        PodSpec pod = one(objects, Deployment.class).getSpec().getTemplate().getSpec();
        assertThat(volume(pod, "results").getEmptyDir()).isNotNull();
        assertThat(volume(pod, "results").getPersistentVolumeClaim()).isNull();
    }

    @Test
    void existingClaimAndOtherImage() {
        List<HasMetadata> objects = ChartRendering.objects(ChartRendering.render(Map.of(
                "results.persistence.existingClaim", "shared-results",
                "image.repository", "registry.example/itf",
                "image.tag", "1.2.3")));
        assertThat(objects).extracting(HasMetadata::getKind).doesNotContain("PersistentVolumeClaim");
        PodSpec pod = one(objects, Deployment.class).getSpec().getTemplate().getSpec();
        assertThat(volume(pod, "results").getPersistentVolumeClaim().getClaimName()).isEqualTo("shared-results");
        assertThat(pod.getContainers().get(0).getImage()).isEqualTo("registry.example/itf:1.2.3");
        assertThat(env(pod.getContainers().get(0), "ITF_RUNNER_IMAGE").getValue()).isEqualTo("registry.example/itf:1.2.3");
    }

    @Test
    void twoReplicasElectALeaderWithALeaseInTheReleaseNamespace() {
        List<HasMetadata> one = ChartRendering.objects(ChartRendering.render(Map.of()));
        assertThat(one(one, Deployment.class).getSpec().getReplicas()).isEqualTo(1);
        assertThat(one(one, Deployment.class).getSpec().getStrategy().getType()).isEqualTo("Recreate");
        List<HasMetadata> objects = ChartRendering.objects(ChartRendering.render(Map.of(
                "operator.replicas", "2", "operator.leaderElection.leaseName", "itf-lease",
                "results.persistence.accessMode", "ReadWriteMany")));
        Deployment deployment = one(objects, Deployment.class);
        assertThat(deployment.getSpec().getReplicas()).isEqualTo(2);
        assertThat(deployment.getSpec().getStrategy().getType()).isEqualTo("RollingUpdate");
        var container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(env(container, "ITF_LEADER_ELECTION_LEASE_NAME").getValue()).isEqualTo("itf-lease");
        assertThat(env(container, "POD_NAME").getValueFrom().getFieldRef().getFieldPath()).isEqualTo("metadata.name");
        assertThat(env(container, "POD_NAMESPACE").getValueFrom().getFieldRef().getFieldPath()).isEqualTo("metadata.namespace");
        io.fabric8.kubernetes.api.model.rbac.Role lease = objects.stream()
                .filter(o -> o instanceof io.fabric8.kubernetes.api.model.rbac.Role).map(o -> (io.fabric8.kubernetes.api.model.rbac.Role) o)
                .filter(r -> r.getRules().stream().anyMatch(rule -> rule.getResources().contains("leases"))).findFirst().orElseThrow();
        assertThat(lease.getMetadata().getNamespace()).isEqualTo(deployment.getMetadata().getNamespace());
        assertAllowed(lease.getRules(), "coordination.k8s.io", "leases", "create", "get", "update");
    }

    @Test
    void reportsAuthAndRunNamespaceSecurityReachTheOperator() {
        Container defaults = one(ChartRendering.objects(ChartRendering.render(Map.of())), Deployment.class)
                .getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(env(defaults, "ITF_REPORTS_AUTH").getValue()).isEqualTo("kubernetes");
        assertThat(env(defaults, "ITF_RUN_NAMESPACES_POD_SECURITY").getValue()).isEqualTo("baseline");
        assertThat(env(defaults, "ITF_OPERATOR_LABEL_NAMESPACE").getValue()).isEqualTo("true");
        Container set = one(ChartRendering.objects(ChartRendering.render(Map.of("reports.auth", "none",
                "runNamespaces.podSecurity", "restricted", "operator.labelNamespace", "false"))), Deployment.class)
                .getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(env(set, "ITF_REPORTS_AUTH").getValue()).isEqualTo("none");
        assertThat(env(set, "ITF_RUN_NAMESPACES_POD_SECURITY").getValue()).isEqualTo("restricted");
        assertThat(env(set, "ITF_OPERATOR_LABEL_NAMESPACE").getValue()).isEqualTo("false");
        assertThatThrownBy(() -> ChartRendering.render(Map.of("reports.auth", "token"))).hasMessageContaining("auth");
        assertThatThrownBy(() -> ChartRendering.render(Map.of("runNamespaces.podSecurity", "strict"))).hasMessageContaining("podSecurity");
    }

    @Test
    void valuesSchemaRejectsABadValue() {
        assertThatThrownBy(() -> ChartRendering.render(Map.of("image.pullPolicy", "Sometimes")))
                .hasMessageContaining("pullPolicy");
        assertThatThrownBy(() -> ChartRendering.render(Map.of("results.persistance.enabled", "false")))
                .hasMessageContaining("persistance");
    }

    private static void assertAllowed(List<PolicyRule> rules, String group, String resource, String... verbs) {
        for (String verb : verbs) {
            assertThat(rules).as("%s %s in group \"%s\"", verb, resource, group).anyMatch(rule ->
                    rule.getApiGroups().contains(group) && rule.getResources().contains(resource) && rule.getVerbs().contains(verb));
        }
    }

    private static <T extends HasMetadata> T one(List<HasMetadata> objects, Class<T> type) {
        List<T> found = objects.stream().filter(type::isInstance).map(type::cast).toList();
        assertThat(found).as(type.getSimpleName()).hasSize(1);
        return found.get(0);
    }

    private static EnvVar env(Container container, String name) {
        return container.getEnv().stream().filter(e -> e.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no env var " + name));
    }

    private static String mountPath(Container container, String volume) {
        return container.getVolumeMounts().stream().filter(m -> m.getName().equals(volume)).findFirst()
                .orElseThrow(() -> new AssertionError("no mount of " + volume)).getMountPath();
    }

    private static Volume volume(PodSpec pod, String name) {
        return pod.getVolumes().stream().filter(v -> v.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no volume " + name));
    }

    static String projectVersion() {
        try {
            Matcher version = java.util.regex.Pattern.compile("<artifactId>itf</artifactId>\\s*<version>([^<]+)</version>")
                    .matcher(Files.readString(Path.of("pom.xml")));
            assertThat(version.find()).as("project version in pom.xml").isTrue();
            return version.group(1);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
