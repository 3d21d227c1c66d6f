package dev.itf.operator.run;

import dev.itf.api.AuthProfile;
import dev.itf.api.SecretKeyRef;
import dev.itf.api.TestRun;
import dev.itf.api.TestSuite;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Copies of the Secrets a suite's auth profiles name, as one Secret in the run namespace whose keys are the
 * environment variables the runner reads them from: ITF_SECRET_NAME_KEY.
 */
public final class SuiteSecrets {
    private SuiteSecrets() {
    }

    /** The names of the Secrets the suite's auth profiles and steps' tls.caSecretRef refer to. */
    public static List<String> referenced(TestSuite suite) {
        List<String> names = new ArrayList<>();
        for (AuthProfile p : suite.getSpec().auth.values()) {
            List<SecretKeyRef> refs = new ArrayList<>();
            if (p.basic != null) refs.add(p.basic.secretRef);
            if (p.apiKey != null) refs.add(p.apiKey.secretRef);
            if (p.bearer != null) refs.add(p.bearer.secretRef);
            if (p.oauth2 != null) {
                refs.add(p.oauth2.clientSecretRef);
                refs.add(p.oauth2.passwordRef);
            }
            if (p.jwt != null) refs.add(p.jwt.secretRef);
            for (SecretKeyRef r : refs) {
                if (r != null && !names.contains(r.name)) {
                    names.add(r.name);
                }
            }
        }
        // the CA certificates steps trust (tls.caSecretRef)
        for (var c : suite.getSpec().cases) {
            for (var step : c == null || c.steps == null ? List.<dev.itf.api.Step>of() : c.steps) {
                SecretKeyRef ca = step == null || step.tls() == null ? null : step.tls().caSecretRef;
                if (ca != null && ca.name != null && !names.contains(ca.name)) {
                    names.add(ca.name);
                }
            }
        }
        return names;
    }

    /** @param sources the referenced Secrets as read from the suite's namespace */
    public static Secret build(TestRun run, List<Secret> sources) {
        Map<String, String> data = new TreeMap<>();
        for (Secret s : sources) {
            if (s.getData() != null) {
                s.getData().forEach((k, v) -> data.put(envName(s.getMetadata().getName(), k), v));
            }
            if (s.getStringData() != null) {
                s.getStringData().forEach((k, v) -> data.put(envName(s.getMetadata().getName(), k),
                        Base64.getEncoder().encodeToString(v.getBytes(StandardCharsets.UTF_8))));
            }
        }
        return new SecretBuilder()
                .withNewMetadata().withName(RunNames.SUITE_SECRETS).withNamespace(RunNames.namespace(run))
                .withLabels(RunLabels.of(run)).endMetadata()
                .withType("Opaque")
                .withData(data)
                .build();
    }

    /** The variable the runner reads the key from (the one naming rule is the runner's). */
    public static String envName(String secret, String key) {
        return dev.itf.runner.SecretReader.variableName(secret, key);
    }
}
