package dev.itf.operator;

import dev.itf.api.TestEnvironment;
import dev.itf.api.TestEnvironmentStatus;
import dev.itf.api.TestRun;
import dev.itf.api.TestSuite;
import dev.itf.api.TestSuiteStatus;
import dev.itf.manifest.Manifests;
import io.fabric8.kubernetes.api.model.HasMetadata;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RunResolutionTest {

    private static final StatusConditions CONDITIONS = new StatusConditions(Clock.systemUTC());

    private static <T extends HasMetadata> T read(Class<T> type, String yaml) {
        try {
            T resource = Manifests.parse(Path.of("t.yaml"), yaml).get(0).as(type).resource();
            resource.getMetadata().setNamespace("qa");
            resource.getMetadata().setGeneration(3L);
            return resource;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static TestRun run(String spec) {
        return read(TestRun.class, "apiVersion: itf.dev/v1alpha1\nkind: TestRun\nmetadata: {name: r}\nspec: " + spec + "\n");
    }

    private static TestSuite suite(String valid, Long validatedGeneration) {
        TestSuite suite = read(TestSuite.class, """
                apiVersion: itf.dev/v1alpha1
                kind: TestSuite
                metadata: {name: orders}
                spec:
                  cases:
                    - id: API_001
                      title: t
                      steps: [{publish: {component: events, destination: d}}]
                """);
        if (valid != null) {
            suite.setStatus(new TestSuiteStatus());
            suite.getStatus().conditions = List.of(CONDITIONS.condition("Valid", valid, valid.equals("True") ? "Valid" : "InvalidSpec",
                    valid.equals("True") ? "1 case" : "spec.cases[0].title: is required", validatedGeneration));
        }
        return suite;
    }

    private static TestEnvironment environment(String componentType) {
        TestEnvironment env = read(TestEnvironment.class, """
                apiVersion: itf.dev/v1alpha1
                kind: TestEnvironment
                metadata: {name: stack}
                spec:
                  components: [{name: events, type: %s, engine: %s}]
                """.formatted(componentType, componentType.equals("queue") ? "kafka" : "redis"));
        env.setStatus(new TestEnvironmentStatus());
        env.getStatus().conditions = List.of(CONDITIONS.condition("Valid", "True", "Valid", "1 component", 3L));
        return env;
    }

    private static RunResolution.Outcome resolve(TestRun run, TestSuite suite, TestEnvironment env) {
        Map<String, TestSuite> suites = suite == null ? Map.of() : Map.of(suite.getMetadata().getName(), suite);
        Map<String, TestEnvironment> envs = env == null ? Map.of() : Map.of(env.getMetadata().getName(), env);
        return RunResolution.resolve(run, suites::get, envs::get);
    }

    @Test
    void resolvesAValidSuiteAndEnvironmentThatFit() {
        RunResolution.Outcome o = resolve(run("{suiteRef: {name: orders}, environmentRef: {name: stack}}"), suite("True", 3L), environment("queue"));

        assertThat(o.status()).isEqualTo("True");
        assertThat(o.reason()).isEqualTo("Resolved");
        assertThat(o.message()).isEqualTo("TestSuite \"orders\" (generation 3) and TestEnvironment \"stack\" (generation 3) are valid");
        assertThat(o.suite().getMetadata().getName()).isEqualTo("orders");
        assertThat(o.environment().getMetadata().getName()).isEqualTo("stack");
    }

    @Test
    void namesTheMissingOrInvalidReference() {
        assertThat(resolve(run("{suiteRef: {name: orders}}"), null, null))
                .extracting(RunResolution.Outcome::status, RunResolution.Outcome::reason, RunResolution.Outcome::message)
                .containsExactly("False", "SuiteNotFound", "spec.suiteRef: TestSuite \"orders\" not found in namespace \"qa\"");
        assertThat(resolve(run("{suiteRef: {name: orders}}"), suite("False", 3L), null))
                .extracting(RunResolution.Outcome::status, RunResolution.Outcome::reason, RunResolution.Outcome::message)
                .containsExactly("False", "SuiteInvalid", "spec.suiteRef: TestSuite \"orders\" is not valid: spec.cases[0].title: is required");
        assertThat(resolve(run("{suiteRef: {name: orders}, environmentRef: {name: stack}}"), suite("True", 3L), null))
                .extracting(RunResolution.Outcome::status, RunResolution.Outcome::reason, RunResolution.Outcome::message)
                .containsExactly("False", "EnvironmentNotFound", "spec.environmentRef: TestEnvironment \"stack\" not found in namespace \"qa\"");
        assertThat(resolve(run("{suiteRef: {name: orders}, environmentRef: {name: stack}}"), suite("True", 3L), environment("cache")))
                .extracting(RunResolution.Outcome::status, RunResolution.Outcome::reason, RunResolution.Outcome::message)
                .containsExactly("False", "ComponentNotFound", "spec.environmentRef: TestSuite \"orders\" does not fit TestEnvironment \"stack\": "
                        + "spec.cases[0].steps[0].publish.component: component \"events\" is a cache, a publish step needs a queue");
        assertThat(resolve(run("{suiteRef: {name: orders}, selector: {ids: [API_001, API_404]}}"), suite("True", 3L), null))
                .extracting(RunResolution.Outcome::status, RunResolution.Outcome::reason, RunResolution.Outcome::message)
                .containsExactly("False", "CaseNotFound", "spec.selector.ids[1]: TestSuite \"orders\" has no case \"API_404\"");
        assertThat(resolve(run("{suiteRef: {name: Orders}}"), null, null))
                .extracting(RunResolution.Outcome::status, RunResolution.Outcome::reason)
                .containsExactly("False", "InvalidSpec");
    }

    @Test
    void waitsForASuiteNotYetValidatedAtItsGeneration() {
        RunResolution.Outcome never = resolve(run("{suiteRef: {name: orders}}"), suite(null, null), null);
        RunResolution.Outcome stale = resolve(run("{suiteRef: {name: orders}}"), suite("True", 2L), null);

        assertThat(never.status()).isEqualTo("Unknown");
        assertThat(never.reason()).isEqualTo("SuiteNotValidated");
        assertThat(stale.message()).isEqualTo("spec.suiteRef: TestSuite \"orders\" has not been validated at generation 3 yet");
        assertThat(stale.failed()).isFalse();
        assertThat(stale.resolved()).isFalse();
    }
}
