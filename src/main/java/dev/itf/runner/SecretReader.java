package dev.itf.runner;

import dev.itf.api.SecretKeyRef;

import java.util.Locale;
import java.util.function.Function;

/**
 * Reads a Secret key the way the runner sees it, in a cluster and locally alike: from the environment variable
 * {@code ITF_SECRET_<NAME>_<KEY>} (upper-cased, every other character than a letter or digit replaced by _).
 * Every value read is registered with the run's redactor.
 */
public final class SecretReader {

    private final Function<String, String> environment;
    private final Redactor redactor;

    public SecretReader(Function<String, String> environment, Redactor redactor) {
        this.environment = environment;
        this.redactor = redactor;
    }

    public static String variableName(String secret, String key) {
        return ("ITF_SECRET_" + secret + "_" + key).toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
    }

    public String read(SecretKeyRef ref, String defaultKey) {
        if (ref == null || ref.name == null) {
            throw new IllegalArgumentException("a secretRef needs a name");
        }
        String key = ref.key != null ? ref.key : defaultKey;
        String variable = variableName(ref.name, key);
        String value = environment.apply(variable);
        if (value == null) {
            throw new IllegalStateException("secret " + ref.name + " key " + key + " is not set: set the environment variable " + variable);
        }
        redactor.register(value);
        return value;
    }
}
