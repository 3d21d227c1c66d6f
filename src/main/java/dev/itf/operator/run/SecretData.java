package dev.itf.operator.run;

import io.fabric8.kubernetes.api.model.Secret;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** A value of a Secret, from data (base64) or from stringData (as written by a client before the API server folds it in). */
public final class SecretData {
    private SecretData() {
    }

    /** @return the value, or null when the Secret or the key is missing */
    public static String value(Secret secret, String key) {
        if (secret == null) {
            return null;
        }
        if (secret.getData() != null && secret.getData().containsKey(key)) {
            return new String(Base64.getDecoder().decode(secret.getData().get(key)), StandardCharsets.UTF_8);
        }
        if (secret.getStringData() != null) {
            return secret.getStringData().get(key);
        }
        return null;
    }
}
