package dev.itf.operator;

import dev.itf.api.TestEnvironment;
import dev.itf.api.TestRun;
import dev.itf.api.TestSuite;
import dev.itf.validation.Problem;
import dev.itf.validation.RunValidator;
import dev.itf.validation.SuiteValidator;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.HasMetadata;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The first stage of a run: the TestRun's suite and environment must exist and be valid at their current generation,
 * and fit together (every component the suite names is a component of the environment). A pure function of the run
 * and what the lookups return, so it is tested without a cluster.
 */
public final class RunResolution {

    public static final String CONDITION = "Resolved";
    public static final String RESOLVED = "Resolved";
    public static final String SUITE_NOT_FOUND = "SuiteNotFound";
    public static final String ENVIRONMENT_NOT_FOUND = "EnvironmentNotFound";
    public static final String SUITE_INVALID = "SuiteInvalid";
    public static final String ENVIRONMENT_INVALID = "EnvironmentInvalid";
    public static final String SUITE_NOT_VALIDATED = "SuiteNotValidated";
    public static final String ENVIRONMENT_NOT_VALIDATED = "EnvironmentNotValidated";
    public static final String COMPONENT_NOT_FOUND = "ComponentNotFound";
    public static final String CASE_NOT_FOUND = "CaseNotFound";

    /**
     * What resolution found. {@code status} is True (resolved), False (the run cannot run: phase Error) or Unknown
     * (a reference has not been validated at its current generation yet: the run waits, phase Pending).
     */
    public record Outcome(String status, String reason, String message, TestSuite suite, TestEnvironment environment) {

        public boolean resolved() {
            return StatusConditions.TRUE.equals(status);
        }

        public boolean failed() {
            return StatusConditions.FALSE.equals(status);
        }
    }

    private RunResolution() {
    }

    /** Resolves the run's references; the lookups find a TestSuite and a TestEnvironment by name in the run's namespace. */
    public static Outcome resolve(TestRun run, Function<String, TestSuite> suites, Function<String, TestEnvironment> environments) {
        String namespace = run.getMetadata().getNamespace();
        List<Problem> specProblems = run.getSpec() == null ? RunValidator.validate(run) : RunValidator.validateSpec(run.getSpec());
        if (!specProblems.isEmpty()) {
            return failed(Problem.INVALID_SPEC, StatusConditions.message(specProblems));
        }
        String suiteName = run.getSpec().suiteRef.name;
        TestSuite suite = suites.apply(suiteName);
        if (suite == null) {
            return failed(SUITE_NOT_FOUND, "spec.suiteRef: TestSuite \"" + suiteName + "\" not found in namespace \"" + namespace + "\"");
        }
        Outcome suiteState = validity(suite, "spec.suiteRef", SUITE_INVALID, SUITE_NOT_VALIDATED);
        if (suiteState != null) {
            return suiteState;
        }
        TestEnvironment environment = null;
        if (run.getSpec().environmentRef != null) {
            String envName = run.getSpec().environmentRef.name;
            environment = environments.apply(envName);
            if (environment == null) {
                return failed(ENVIRONMENT_NOT_FOUND, "spec.environmentRef: TestEnvironment \"" + envName + "\" not found in namespace \"" + namespace + "\"");
            }
            Outcome envState = validity(environment, "spec.environmentRef", ENVIRONMENT_INVALID, ENVIRONMENT_NOT_VALIDATED);
            if (envState != null) {
                return envState;
            }
            List<Problem> misfits = SuiteValidator.validateAgainst(suite, environment);
            if (!misfits.isEmpty()) {
                return failed(COMPONENT_NOT_FOUND, "spec.environmentRef: TestSuite \"" + suiteName + "\" does not fit TestEnvironment \""
                        + envName + "\": " + StatusConditions.message(misfits));
            }
        }
        Outcome cases = selectedIds(run, suite);
        if (cases != null) {
            return cases;
        }
        String message = environment == null
                ? describe(suite) + " is valid"
                : describe(suite) + " and " + describe(environment) + " are valid";
        return new Outcome(StatusConditions.TRUE, RESOLVED, message, suite, environment);
    }

    private static Outcome validity(HasMetadata resource, String field, String invalidReason, String notValidatedReason) {
        String what = resource.getKind() + " \"" + resource.getMetadata().getName() + "\"";
        Optional<Condition> valid = StatusConditions.find(conditions(resource), StatusConditions.VALID);
        Long generation = resource.getMetadata().getGeneration();
        if (valid.isEmpty() || !Objects.equals(valid.get().getObservedGeneration(), generation)) {
            return new Outcome(StatusConditions.UNKNOWN, notValidatedReason,
                    field + ": " + what + " has not been validated at generation " + generation + " yet", null, null);
        }
        if (!StatusConditions.TRUE.equals(valid.get().getStatus())) {
            return failed(invalidReason, field + ": " + what + " is not valid: " + valid.get().getMessage());
        }
        return null;
    }

    private static Outcome selectedIds(TestRun run, TestSuite suite) {
        List<Problem> unknown = RunValidator.validateAgainst(run, suite);
        return unknown.isEmpty() ? null : failed(CASE_NOT_FOUND, StatusConditions.message(unknown));
    }

    private static List<Condition> conditions(HasMetadata resource) {
        if (resource instanceof TestSuite s) {
            return s.getStatus() == null ? List.of() : s.getStatus().conditions;
        }
        if (resource instanceof TestEnvironment e) {
            return e.getStatus() == null ? List.of() : e.getStatus().conditions;
        }
        return List.of();
    }

    private static Outcome failed(String reason, String message) {
        return new Outcome(StatusConditions.FALSE, reason, message, null, null);
    }

    private static String describe(HasMetadata resource) {
        return resource.getKind() + " \"" + resource.getMetadata().getName() + "\" (generation " + resource.getMetadata().getGeneration() + ")";
    }
}
