package dev.itf.results;

import dev.itf.api.TestRun;
import dev.itf.operator.run.RunNames;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
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
        Secret s = client.secrets().inNamespace(RunNames.namespace(run)).withName(RunNames.TOKEN_SECRET).get();
        if (s == null) {
            return null;
        }
        byte[] token;
        if (s.getData() != null && s.getData().containsKey(RunNames.TOKEN_KEY)) {
            token = Base64.getDecoder().decode(s.getData().get(RunNames.TOKEN_KEY));
        } else if (s.getStringData() != null && s.getStringData().containsKey(RunNames.TOKEN_KEY)) {
            token = s.getStringData().get(RunNames.TOKEN_KEY).getBytes(StandardCharsets.UTF_8);
        } else {
            return null;
        }
        byUid.put(uid, token);
        return token;
    }
}
