package dev.itf.operator.run;

import dev.itf.api.Component;
import dev.itf.api.TestEnvironment;
import dev.itf.api.TestRun;
import dev.itf.api.TestSuite;
import io.fabric8.kubernetes.api.model.Secret;

import java.util.List;
import java.util.Map;

/**
 * Everything the objects of a run are built from, read from the cluster beforehand, so that building is pure.
 *
 * @param environment null when the run has no environmentRef
 * @param passwords per-run password of each preset component with credentials, by component name
 * @param initScripts data of each component's init ConfigMap, by component name
 * @param schemas data of each ConfigMap the suite's schemaRefs read, by ConfigMap name
 * @param suiteSecrets the Secrets the suite's auth profiles name
 * @param token the run's token
 */
public record RunInputs(TestRun run, TestSuite suite, TestEnvironment environment, RunnerSettings settings,
                        Map<String, String> passwords, Map<String, Map<String, String>> initScripts,
                        Map<String, Map<String, String>> schemas, List<Secret> suiteSecrets, String token) {

    public List<Component> components() {
        return environment == null ? List.of() : environment.getSpec().components;
    }
}
