package dev.itf.operator.lifecycle;

import dev.itf.api.TestEnvironment;
import dev.itf.api.TestRun;
import dev.itf.api.TestSuite;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.client.KubernetesClient;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/** Finds the run's suite and environment; a missing or invalid one is a user mistake reported as a condition. */
@ApplicationScoped
public class RunResolution {
    private final KubernetesClient client;

    public RunResolution(KubernetesClient client) {
        this.client = client;
    }

    /** @param reason CamelCase reason when resolution failed, else null */
    public record Resolved(TestSuite suite, TestEnvironment environment, String reason, String message) {
        public boolean ok() {
            return reason == null;
        }
    }

    public Resolved resolve(TestRun run) {
        String ns = run.getMetadata().getNamespace();
        if (run.getSpec().suiteRef == null || run.getSpec().suiteRef.name == null) {
            return new Resolved(null, null, "SuiteNotFound", "spec.suiteRef: a TestSuite name is required");
        }
        TestSuite suite = client.resources(TestSuite.class).inNamespace(ns).withName(run.getSpec().suiteRef.name).get();
        if (suite == null) {
            return new Resolved(null, null, "SuiteNotFound", "spec.suiteRef: TestSuite " + run.getSpec().suiteRef.name
                    + " not found in namespace " + ns);
        }
        String invalid = invalid(suite.getStatus() == null ? null : suite.getStatus().conditions);
        if (invalid != null) {
            return new Resolved(null, null, "SuiteInvalid", "spec.suiteRef: TestSuite " + suite.getMetadata().getName()
                    + " is not valid: " + invalid);
        }
        TestEnvironment env = null;
        if (run.getSpec().environmentRef != null && run.getSpec().environmentRef.name != null) {
            env = client.resources(TestEnvironment.class).inNamespace(ns).withName(run.getSpec().environmentRef.name).get();
            if (env == null) {
                return new Resolved(null, null, "EnvironmentNotFound", "spec.environmentRef: TestEnvironment "
                        + run.getSpec().environmentRef.name + " not found in namespace " + ns);
            }
            invalid = invalid(env.getStatus() == null ? null : env.getStatus().conditions);
            if (invalid != null) {
                return new Resolved(null, null, "EnvironmentInvalid", "spec.environmentRef: TestEnvironment "
                        + env.getMetadata().getName() + " is not valid: " + invalid);
            }
        }
        return new Resolved(suite, env, null, null);
    }

    private static String invalid(List<Condition> conditions) {
        if (conditions == null) {
            return null;
        }
        return conditions.stream().filter(c -> "Valid".equals(c.getType()) && "False".equals(c.getStatus()))
                .map(c -> c.getMessage() == null ? c.getReason() : c.getMessage()).findFirst().orElse(null);
    }
}
