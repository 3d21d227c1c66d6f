package dev.itf.operator.lifecycle;

import dev.itf.api.Component;
import dev.itf.api.TestEnvironment;
import dev.itf.api.TestRun;
import dev.itf.api.TestSuite;
import dev.itf.operator.results.RunTokens;
import dev.itf.operator.run.Preset;
import dev.itf.operator.run.RunInputs;
import dev.itf.operator.run.RunNames;
import dev.itf.operator.run.RunnerSettings;
import dev.itf.operator.run.SecretData;
import dev.itf.operator.run.SuiteConfigMap;
import dev.itf.operator.run.SuiteSecrets;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import jakarta.enterprise.context.ApplicationScoped;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads from the cluster what a run's objects are built from. Passwords and the token already in the run
 * namespace are reused, so a repeated reconcile builds the same objects.
 */
@ApplicationScoped
public class RunInputsReader {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final KubernetesClient client;
    private final RunnerSettings settings;
    private final RunTokens tokens;

    public RunInputsReader(KubernetesClient client, RunnerSettings settings, RunTokens tokens) {
        this.client = client;
        this.settings = settings;
        this.tokens = tokens;
    }

    /** @throws MissingReferenceException when a Secret or ConfigMap the suite or environment names does not exist */
    public RunInputs read(TestRun run, TestSuite suite, TestEnvironment environment) {
        String ns = run.getMetadata().getNamespace();
        String runNs = RunNames.namespace(run);
        Map<String, String> passwords = new LinkedHashMap<>();
        Map<String, Map<String, String>> init = new LinkedHashMap<>();
        if (environment != null) {
            for (Component c : environment.getSpec().components) {
                if (c.engine != null && Preset.of(c.engine).credentials) {
                    passwords.put(c.name, existingOrNew(runNs, RunNames.credentialsSecret(c.name), "password"));
                }
                if (c.init != null && c.init.configMapRef != null) {
                    ConfigMap cm = client.configMaps().inNamespace(ns).withName(c.init.configMapRef.name).get();
                    if (cm == null) {
                        throw new MissingReferenceException("component " + c.name + ": init.configMapRef: ConfigMap "
                                + c.init.configMapRef.name + " not found in namespace " + ns);
                    }
                    init.put(c.name, cm.getData() == null ? Map.of() : cm.getData());
                }
            }
        }
        Map<String, Map<String, String>> schemas = new LinkedHashMap<>();
        for (String name : SuiteConfigMap.schemaConfigMaps(suite)) {
            ConfigMap cm = client.configMaps().inNamespace(ns).withName(name).get();
            if (cm == null) {
                throw new MissingReferenceException("suite " + suite.getMetadata().getName() + ": schemaRef or data: ConfigMap "
                        + name + " not found in namespace " + ns);
            }
            schemas.put(name, cm.getData() == null ? Map.of() : cm.getData());
        }
        List<Secret> secrets = new ArrayList<>();
        for (String name : SuiteSecrets.referenced(suite)) {
            Secret s = client.secrets().inNamespace(ns).withName(name).get();
            if (s == null) {
                throw new MissingReferenceException("suite " + suite.getMetadata().getName() + ": auth secretRef: Secret "
                        + name + " not found in namespace " + ns);
            }
            secrets.add(s);
        }
        // known to the results endpoint before the token Secret, and so before any runner, exists; while every token
        // Secret is watched, a token not known yet has no Secret, and the run namespace need not be read for it
        String token = tokens.watched() ? tokens.rememberIfAbsent(run, fresh()) : tokens.of(run).orElse(null);
        if (token == null) {
            token = existingOrNew(runNs, RunNames.TOKEN_SECRET, RunNames.TOKEN_KEY);
            tokens.remember(run, token);
        }
        return new RunInputs(run, suite, environment, settings, passwords, init, schemas, secrets, token);
    }

    private String existingOrNew(String namespace, String secret, String key) {
        String existing = SecretData.value(client.secrets().inNamespace(namespace).withName(secret).get(), key);
        return existing != null ? existing : fresh();
    }

    private static String fresh() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** A Secret or ConfigMap a suite or environment refers to is missing: the run cannot start. */
    public static class MissingReferenceException extends RuntimeException {
        public MissingReferenceException(String message) {
            super(message);
        }
    }
}
