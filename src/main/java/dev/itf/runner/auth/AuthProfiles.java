package dev.itf.runner.auth;

import dev.itf.api.AuthProfile;
import dev.itf.runner.StepContext;

import java.util.Map;

/** The suite's auth profiles for one run; tokens fetched from OAuth2 servers are kept here until they expire. */
public final class AuthProfiles {

    private final Map<String, AuthProfile> profiles;

    public AuthProfiles(Map<String, AuthProfile> profiles) {
        this.profiles = profiles == null ? Map.of() : Map.copyOf(profiles);
    }

    /** Adds the credentials of the named profile to the request; "none" adds nothing. */
    public void apply(String name, AuthTarget target, StepContext ctx) throws Exception {
        throw new IllegalStateException("auth profile " + name + ": auth schemes are being built");
    }
}
