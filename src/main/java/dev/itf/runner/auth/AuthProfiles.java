package dev.itf.runner.auth;

import dev.itf.api.AuthProfile;
import dev.itf.runner.StepContext;
import dev.itf.runner.TemplateException;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The suite's auth profiles for one run; tokens fetched from OAuth2 servers are kept here until they expire.
 * One instance per run, shared by every case (thread-safe).
 */
public final class AuthProfiles {

    public static final String NONE = "none";

    private final Map<String, AuthProfile> profiles;
    private final Map<String, AuthScheme> schemes = new ConcurrentHashMap<>();
    private final Clock clock;

    public AuthProfiles(Map<String, AuthProfile> profiles) {
        this(profiles, Clock.systemUTC());
    }

    AuthProfiles(Map<String, AuthProfile> profiles, Clock clock) {
        this.profiles = profiles == null ? Map.of() : Map.copyOf(profiles);
        this.clock = clock;
    }

    /** Adds the credentials of the named profile to the request; "none" (or no name) adds nothing. */
    public void apply(String name, AuthTarget target, StepContext ctx) throws Exception {
        if (name == null || name.isBlank() || NONE.equals(name)) {
            return;
        }
        AuthProfile profile = profiles.get(name);
        if (profile == null) {
            throw new AuthException("auth profile " + name + " is not defined in spec.auth"
                    + (profiles.isEmpty() ? " (the suite defines none)" : "; defined: " + String.join(", ", new TreeSet<>(profiles.keySet()))), null);
        }
        try {
            schemes.computeIfAbsent(name, n -> scheme(n, profile)).apply(target, ctx);
        } catch (TemplateException | InterruptedException e) {
            throw e;
        } catch (Exception e) {
            throw new AuthException(e.getMessage() == null ? "auth profile " + name + ": " + e : e.getMessage(), e);
        }
    }

    /** Whether the suite defines this profile. */
    public boolean defines(String name) {
        return profiles.containsKey(name);
    }

    /** The credentials the named profile adds to a request; "none" adds nothing. */
    public AppliedAuth applied(String name, StepContext ctx) throws Exception {
        AppliedAuth.Collector collector = new AppliedAuth.Collector();
        apply(name, collector, ctx);
        return collector.done();
    }

    /**
     * An invalid variant of the named profile's credentials (SPEC §7): none, malformed, expired (a jwt profile's token,
     * properly signed, expired an hour ago), unsigned (alg none) or wrongKey; any other name is another auth profile.
     */
    public AppliedAuth invalid(String valid, String variant, StepContext ctx) throws Exception {
        switch (variant) {
            case NONE:
                return AppliedAuth.none();
            case "malformed":
                return ForgedCredentials.malformed(applied(valid, ctx), ctx.redactor());
            case "unsigned":
                return ForgedCredentials.unsigned(applied(valid, ctx), valid, ctx.redactor());
            case "wrongKey":
                return ForgedCredentials.wrongKey(applied(valid, ctx), valid, ctx.redactor());
            case "expired": {
                AuthProfile profile = profiles.get(valid);
                if (profile == null || profile.jwt == null) {
                    throw new IllegalArgumentException("authentication.invalid: expired needs a jwt auth profile as valid (ITF signs the"
                            + " expired token with its key); " + valid + " is not one");
                }
                JwtAuth jwt = (JwtAuth) schemes.computeIfAbsent(valid, n -> scheme(n, profile));
                return ForgedCredentials.bearer(jwt.expired(ctx), ctx.redactor());
            }
            default:
                return applied(variant, ctx);
        }
    }

    private AuthScheme scheme(String name, AuthProfile profile) {
        List<String> set = profile.schemes();
        if (set.size() != 1) {
            throw new IllegalArgumentException("spec.auth." + name + ": set exactly one of basic, apiKey, bearer, oauth2, jwt"
                    + (set.isEmpty() ? "" : " (found " + String.join(", ", set) + ")"));
        }
        return switch (set.get(0)) {
            case "basic" -> new BasicAuth(name, profile.basic);
            case "apiKey" -> new ApiKeyAuth(name, profile.apiKey);
            case "bearer" -> new BearerAuth(name, profile.bearer);
            case "oauth2" -> new OAuth2Auth(name, profile.oauth2, clock);
            default -> new JwtAuth(name, profile.jwt, clock);
        };
    }
}
