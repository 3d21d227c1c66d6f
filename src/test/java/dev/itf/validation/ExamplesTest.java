package dev.itf.validation;

import dev.itf.api.TestEnvironment;
import dev.itf.api.TestRun;
import dev.itf.api.TestSuite;
import dev.itf.manifest.Manifest;
import dev.itf.manifest.Manifests;
import dev.itf.manifest.Typed;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The examples users copy from: the valid ones pass every validator, the invalid set fails with the documented messages. */
class ExamplesTest {

    private static List<Manifest> manifests(String dir) throws Exception {
        List<Manifest> all = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of(dir))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                all.addAll(Manifests.read(f));
            }
        }
        return all;
    }

    private static <T> T typed(Manifest m, Class<T> type) {
        Typed<T> typed = m.as(type);
        assertThat(typed.problems()).as(m.toString()).isEmpty();
        return typed.resource();
    }

    private static List<Problem> validate(Manifest m) {
        return switch (m.kind()) {
            case "TestSuite" -> SuiteValidator.validate(typed(m, TestSuite.class));
            case "TestEnvironment" -> EnvironmentValidator.validate(typed(m, TestEnvironment.class));
            case "TestRun" -> RunValidator.validate(typed(m, TestRun.class));
            case "TestSchedule" -> ScheduleValidator.validate(typed(m, dev.itf.api.TestSchedule.class));
            default -> throw new AssertionError("unexpected kind in " + m);
        };
    }

    @Test
    void theQuickstartSuiteIsValid() throws Exception {
        List<Manifest> all = manifests("examples/quickstart");
        assertThat(all).extracting(Manifest::kind).containsExactly("TestSuite");
        assertThat(validate(all.get(0))).isEmpty();
        assertThat(typed(all.get(0), TestSuite.class).getSpec().cases).hasSizeBetween(3, 5);
    }

    @Test
    void theClusterExamplesAreValidAndFitTogether() throws Exception {
        List<Manifest> all = manifests("examples/cluster");
        assertThat(all).extracting(Manifest::kind).containsExactly("TestEnvironment", "TestSuite", "TestRun");
        for (Manifest m : all) {
            assertThat(validate(m)).as(m.toString()).isEmpty();
        }
        TestEnvironment env = typed(all.get(0), TestEnvironment.class);
        TestSuite suite = typed(all.get(1), TestSuite.class);
        TestRun run = typed(all.get(2), TestRun.class);
        assertThat(SuiteValidator.validateAgainst(suite, env)).isEmpty();
        assertThat(run.getSpec().suiteRef.name).isEqualTo(suite.getMetadata().getName());
        assertThat(run.getSpec().environmentRef.name).isEqualTo(env.getMetadata().getName());
        assertThat(env.getSpec().components).singleElement().satisfies(c -> {
            assertThat(c.name).isEqualTo("demo");
            assertThat(c.args).containsExactly("demo-target");
            assertThat(c.ports).extracting(p -> p.port).containsExactly(8080);
        });
    }

    @Test
    void theInvalidSetFailsWithTheDocumentedMessages() throws Exception {
        List<Manifest> all = manifests("examples/invalid");
        assertThat(all).extracting(Manifest::kind).containsExactly("TestEnvironment", "TestSuite", "TestRun");
        TestEnvironment env = typed(all.get(0), TestEnvironment.class);
        TestSuite suite = typed(all.get(1), TestSuite.class);

        assertThat(EnvironmentValidator.validate(env)).extracting(Problem::toString).containsExactly(
                "spec.provisioningTimeout: \"5 minutes\" is not a duration such as 500ms, 30s, 5m or 1h30m",
                "spec.components[0].dependsOn: dependsOn forms a cycle: api -> db -> api");
        assertThat(SuiteValidator.validate(suite)).extracting(Problem::toString).containsExactly(
                "spec.cases[0].steps[0].http.auth: auth \"admin\" is not defined; spec.auth has user",
                "spec.cases[1].id: duplicate case id \"BROKEN_001\" (also spec.cases[0].id)",
                "spec.cases[1].steps[0].wait.duration: \"2 seconds\" is not a duration such as 500ms, 30s, 5m or 1h30m");
        assertThat(SuiteValidator.validateAgainst(suite, env)).extracting(Problem::toString).containsExactly(
                "spec.cases[2].steps[0].publish.component: component \"events\" is not defined in TestEnvironment \"broken-stack\"");
        assertThat(validate(all.get(2))).isEmpty();
    }

    @Test
    void everyItfResourceOutsideTheInvalidSetIsValid() throws Exception {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(Path.of("examples"))) {
            files = walk.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
                    .filter(p -> !p.startsWith(Path.of("examples", "invalid")))
                    .sorted().toList();
        }
        assertThat(files).isNotEmpty();
        for (Path f : files) {
            for (Manifest m : Manifests.read(f)) {
                if (m.isItf()) {
                    assertThat(validate(m)).as(m.toString()).isEmpty();
                }
            }
        }
    }
}
