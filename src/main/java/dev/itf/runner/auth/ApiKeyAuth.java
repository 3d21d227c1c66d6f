package dev.itf.runner.auth;

import dev.itf.api.AuthProfile;
import dev.itf.runner.StepContext;

/** An API key in a header (default) or a query parameter. */
final class ApiKeyAuth implements AuthScheme {

    private final String profile;
    private final boolean inQuery;
    private final String name;
    private final Credential key;

    ApiKeyAuth(String profile, AuthProfile.ApiKey spec) {
        if (spec.name == null || spec.name.isBlank()) {
            throw new IllegalArgumentException("auth profile " + profile + ": apiKey.name is required (e.g. X-API-Key)");
        }
        if (spec.in != null && !spec.in.equals("header") && !spec.in.equals("query")) {
            throw new IllegalArgumentException("auth profile " + profile + ": apiKey.in must be header or query, not " + spec.in);
        }
        this.profile = profile;
        this.inQuery = "query".equals(spec.in);
        this.name = spec.name;
        this.key = new Credential("apiKey.value", spec.secretRef, "key", spec.value);
    }

    @Override
    public void apply(AuthTarget target, StepContext ctx) {
        String value = key.value(profile, ctx);
        String rendered = ctx.render(name);
        if (inQuery) {
            target.queryParam(rendered, value);
        } else {
            target.header(rendered, value);
        }
    }
}
