package dev.itf.runner.auth;

import dev.itf.api.AuthProfile;
import dev.itf.runner.StepContext;

/** A fixed bearer token, inline or from a Secret (key token). */
final class BearerAuth implements AuthScheme {

    private final String profile;
    private final Credential token;

    BearerAuth(String profile, AuthProfile.Bearer spec) {
        this.profile = profile;
        this.token = new Credential("bearer.token", spec.secretRef, "token", spec.token);
    }

    @Override
    public void apply(AuthTarget target, StepContext ctx) {
        target.header("Authorization", "Bearer " + token.value(profile, ctx));
    }
}
