package dev.itf.validation;

/**
 * A Secret or ConfigMap that a resource names, in the resource's namespace: where ({@code path}), which object and,
 * when the field needs one, which key (null when any content will do).
 */
public record Reference(Kind kind, String name, String key, String path) {

    public enum Kind {
        Secret("SecretNotFound"), ConfigMap("ConfigMapNotFound");

        /** The condition reason when the object or its key is missing. */
        public final String notFoundReason;

        Kind(String notFoundReason) {
            this.notFoundReason = notFoundReason;
        }
    }

    public static Reference secret(String path, String name, String key) {
        return new Reference(Kind.Secret, name, key, path);
    }

    public static Reference configMap(String path, String name, String key) {
        return new Reference(Kind.ConfigMap, name, key, path);
    }
}
