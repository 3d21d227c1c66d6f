package dev.itf.operator.results;

import dev.itf.api.TestRun;
import dev.itf.operator.run.RunNames;
import dev.itf.operator.run.SecretData;
import io.fabric8.kubernetes.client.KubernetesClient;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The token of each run, read once from the run's token Secret and kept per run uid. */
@ApplicationScoped
public class RunTokens {
    private final KubernetesClient client;
    private final Map<String, byte[]> byUid = new ConcurrentHashMap<>();

    public RunTokens(KubernetesClient client) {
        this.client = client;
    }

    /** Whether the presented token is the run's, compared in constant time. */
    public boolean matches(TestRun run, String presented) {
        byte[] expected = token(run);
        return expected != null && MessageDigest.isEqual(expected, presented.getBytes(StandardCharsets.UTF_8));
    }

    public void forget(String uid) {
        byUid.remove(uid);
    }

    private byte[] token(TestRun run) {
        String uid = run.getMetadata().getUid();
        byte[] cached = byUid.get(uid);
        if (cached != null) {
            return cached;
        }
        String value = SecretData.value(client.secrets().inNamespace(RunNames.namespace(run)).withName(RunNames.TOKEN_SECRET).get(),
                RunNames.TOKEN_KEY);
        if (value == null) {
            return null;
        }
        byte[] token = value.getBytes(StandardCharsets.UTF_8);
        byUid.put(uid, token);
        return token;
    }
}
