package dev.itf.runner.auth;

import dev.itf.api.SecretKeyRef;
import dev.itf.runner.StepContext;

/**
 * A credential given by a secretRef or inline; the secretRef wins. An inline value is a template like every string of
 * a suite ({@code ${env.PASSWORD}}), rendered on use. Values read from a Secret are always registered for redaction,
 * inline ones when they are secret (a password, not a user name).
 */
record Credential(String field, SecretKeyRef ref, String defaultKey, String inline, boolean secret) {

    Credential(String field, SecretKeyRef ref, String defaultKey, String inline) {
        this(field, ref, defaultKey, inline, true);
    }

    /** The value, or an error naming the profile field to set. */
    String value(String profile, StepContext ctx) {
        if (ref != null) {
            return ctx.secret(ref, defaultKey);
        }
        if (inline == null || inline.isEmpty()) {
            throw new IllegalArgumentException("auth profile " + profile + ": " + field
                    + " is not set; give a secretRef (key " + defaultKey + ") or an inline value");
        }
        String value = ctx.render(inline);
        if (secret) {
            ctx.redactor().register(value);
        }
        return value;
    }
}
