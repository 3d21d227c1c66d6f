package dev.itf.runner.auth;

import dev.itf.api.AuthProfile;
import dev.itf.runner.StepContext;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** HTTP basic auth: the Secret's keys username and password, or inline values. */
final class BasicAuth implements AuthScheme {

    private final String profile;
    private final Credential username;
    private final Credential password;

    BasicAuth(String profile, AuthProfile.Basic spec) {
        this.profile = profile;
        this.username = new Credential("basic.username", spec.secretRef, "username", spec.username, false);
        this.password = new Credential("basic.password", spec.secretRef, "password", spec.password);
    }

    @Override
    public void apply(AuthTarget target, StepContext ctx) {
        String pair = username.value(profile, ctx) + ":" + password.value(profile, ctx);
        String encoded = Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
        ctx.redactor().register(encoded);
        target.header("Authorization", "Basic " + encoded);
    }
}
