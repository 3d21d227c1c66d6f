package dev.itf.runner.auth;

import dev.itf.api.SecretKeyRef;
import dev.itf.runner.Redactor;

import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Reads secret values the way the runner does everywhere, locally and in a Job: the env var
 * {@code ITF_SECRET_<NAME>_<KEY>} (name and key upper-cased, every other character than A-Z and 0-9 replaced by
 * {@code _}). Every value read is registered with the run's {@link Redactor} before it is returned.
 */
public final class SecretSource {

    private final Function<String, String> env;
    private final Redactor redactor;

    public SecretSource(Function<String, String> env, Redactor redactor) {
        this.env = env;
        this.redactor = redactor;
    }

    /** Reads from the process environment. */
    public static SecretSource fromEnvironment(Redactor redactor) {
        return new SecretSource(System::getenv, redactor);
    }

    /** Reads from a fixed map of env vars (an ENV file, or a test). */
    public static SecretSource of(Map<String, String> vars, Redactor redactor) {
        Map<String, String> copy = Map.copyOf(vars);
        return new SecretSource(copy::get, redactor);
    }

    /** The secret's value; the ref's key wins over defaultKey. Throws naming the env var to set when it is missing. */
    public String secret(SecretKeyRef ref, String defaultKey) {
        if (ref == null || ref.name == null || ref.name.isBlank()) {
            throw new IllegalArgumentException("secretRef: name is required");
        }
        String key = ref.key == null || ref.key.isBlank() ? defaultKey : ref.key;
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException("secretRef " + ref.name + ": key is required");
        }
        String var = envVarName(ref.name, key);
        String value = env.apply(var);
        if (value == null) {
            throw new IllegalStateException("secret " + ref.name + " key " + key + " is not available: set the env var "
                    + var + " (in a cluster, the Secret " + ref.name + " must have the key " + key + ")");
        }
        redactor.register(value);
        return value;
    }

    /** The env var that holds a secret's key, e.g. orders-admin/password gives ITF_SECRET_ORDERS_ADMIN_PASSWORD. */
    public static String envVarName(String name, String key) {
        return "ITF_SECRET_" + normalize(name) + "_" + normalize(key);
    }

    private static String normalize(String s) {
        return s.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
    }
}
