package dev.itf.operator.dashboard;

import dev.itf.operator.results.ReportAccess;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Dashboard sign-in: a bearer token presented once (TokenReview) becomes a random session id, sent back as an
 * HttpOnly cookie, so the browser's EventSource (which cannot set headers) and downloads are authenticated without
 * the token ever being kept, in the browser or here. Sessions end after {@code itf.dashboard.session-ttl}, at sign-out
 * or when the operator restarts; what each may see is still decided per namespace by SubjectAccessReview.
 */
@ApplicationScoped
public class DashboardSessions {
    public static final String COOKIE = "itf_dashboard";

    /** The outcome of a sign-in: the new session's id when the token was accepted. */
    public record SignIn(ReportAccess.Decision decision, String session, String user) {
    }

    private record Session(Viewer viewer, Instant until) {
    }

    private final ReportAccess access;
    private final Clock clock;
    private final Duration ttl;
    private final int maxSessions;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Session> sessions;

    public DashboardSessions(ReportAccess access, Clock clock,
                             @ConfigProperty(name = "itf.dashboard.session-ttl", defaultValue = "8h") Duration ttl,
                             @ConfigProperty(name = "itf.dashboard.max-sessions", defaultValue = "10000") int maxSessions) {
        this.access = access;
        this.clock = clock;
        this.ttl = ttl;
        this.maxSessions = maxSessions;
        this.sessions = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Session> eldest) {
                return size() > DashboardSessions.this.maxSessions;
            }
        };
    }

    public Duration ttl() {
        return ttl;
    }

    public SignIn signIn(String token) {
        ReportAccess.Identity identity = access.identify(token);
        if (identity.user() == null) {
            return new SignIn(identity.decision(), null, null);
        }
        byte[] id = new byte[32];
        random.nextBytes(id);
        String session = Base64.getUrlEncoder().withoutPadding().encodeToString(id);
        synchronized (sessions) {
            sessions.put(digest(session), new Session(new Viewer(digest(session), identity.user()), clock.instant().plus(ttl)));
        }
        return new SignIn(ReportAccess.Decision.ALLOWED, session, identity.user().getUsername());
    }

    /** The viewer of a session cookie's value; empty when there is none, it is unknown or it has expired. */
    public Optional<Viewer> find(String session) {
        if (session == null || session.isBlank()) {
            return Optional.empty();
        }
        String key = digest(session);
        synchronized (sessions) {
            Session s = sessions.get(key);
            if (s == null) {
                return Optional.empty();
            }
            if (!clock.instant().isBefore(s.until())) {
                sessions.remove(key);
                return Optional.empty();
            }
            return Optional.of(s.viewer());
        }
    }

    public void signOut(String session) {
        if (session != null) {
            synchronized (sessions) {
                sessions.remove(digest(session));
            }
        }
    }

    /** Session ids are kept only as their SHA-256: a heap dump holds nothing a browser could present. */
    static String digest(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}
