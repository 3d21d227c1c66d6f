package dev.itf.runner.auth;

import dev.itf.api.SecretKeyRef;
import dev.itf.runner.StepContext;

/** A credential given by a secretRef or inline; the secretRef wins, and either value is registered for redaction. */
record Credential(String field, SecretKeyRef ref, String defaultKey, String inline) {

    /** The value, or an error naming the profile field to set. */
    String value(String profile, StepContext ctx) {
        if (ref != null) {
            return ctx.secret(ref, defaultKey);
        }
        if (inline == null || inline.isEmpty()) {
            throw new IllegalArgumentException("auth profile " + profile + ": " + field
                    + " is not set; give a secretRef (key " + defaultKey + ") or an inline value");
        }
        ctx.redactor().register(inline);
        return inline;
    }
}
