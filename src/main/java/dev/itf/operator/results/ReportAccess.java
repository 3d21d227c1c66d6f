package dev.itf.operator.results;

import dev.itf.api.Itf;
import io.fabric8.kubernetes.api.model.authentication.TokenReview;
import io.fabric8.kubernetes.api.model.authentication.TokenReviewBuilder;
import io.fabric8.kubernetes.api.model.authentication.UserInfo;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReviewBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Who may read a run's report: the caller's bearer token must be a Kubernetes identity (TokenReview) that may
 * {@code get testruns} of the run in its namespace (SubjectAccessReview), the same right {@code kubectl get testrun}
 * needs. The answer never depends on whether the run exists, so it tells nobody which runs there are. Allowed answers
 * are kept briefly (bounded in number), so a dashboard polling a run does not cost two API calls per request.
 */
@ApplicationScoped
public class ReportAccess {
    private static final Logger LOG = Logger.getLogger(ReportAccess.class);
    private static final String BEARER = "Bearer ";
    static final String VERB = "get";
    static final String RESOURCE = "testruns";

    /** {@code itf.reports.auth}: {@code kubernetes} checks every request; {@code none} lets anyone who reaches the operator read every report. */
    public enum Mode { KUBERNETES, NONE }

    /** The outcome of a check, and what the caller is told. */
    public enum Decision { ALLOWED, UNAUTHENTICATED, FORBIDDEN, UNAVAILABLE }

    private final KubernetesClient client;
    private final Mode mode;
    private final Duration cacheFor;
    private final int cacheSize;
    private final Clock clock;
    private final Map<String, Instant> allowedUntil;

    public ReportAccess(KubernetesClient client, Clock clock,
                        @ConfigProperty(name = "itf.reports.auth", defaultValue = "kubernetes") String mode,
                        @ConfigProperty(name = "itf.reports.auth-cache-ttl", defaultValue = "30s") Duration cacheFor,
                        @ConfigProperty(name = "itf.reports.auth-cache-size", defaultValue = "1000") int cacheSize) {
        this.client = client;
        this.clock = clock;
        this.mode = mode(mode);
        this.cacheFor = cacheFor;
        this.cacheSize = cacheSize;
        this.allowedUntil = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Instant> eldest) {
                return size() > ReportAccess.this.cacheSize;
            }
        };
        if (this.mode == Mode.NONE) {
            LOG.warn("itf.reports.auth=none: every report is readable by anyone who can reach the operator's port");
        }
    }

    static Mode mode(String value) {
        try {
            return Mode.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("itf.reports.auth (ITF_REPORTS_AUTH, chart value reports.auth) is \"" + value
                    + "\"; use kubernetes or none");
        }
    }

    public Mode mode() {
        return mode;
    }

    /** Whether the caller presenting this Authorization header may read the report of run {@code namespace/name}. */
    public Decision check(String authorization, String namespace, String name) {
        if (mode == Mode.NONE) {
            return Decision.ALLOWED;
        }
        if (authorization == null || !authorization.startsWith(BEARER) || authorization.substring(BEARER.length()).isBlank()) {
            return Decision.UNAUTHENTICATED;
        }
        String token = authorization.substring(BEARER.length()).trim();
        String key = digest(token) + "/" + namespace + "/" + name;
        Instant now = clock.instant();
        synchronized (allowedUntil) {
            Instant until = allowedUntil.get(key);
            if (until != null && now.isBefore(until)) {
                return Decision.ALLOWED;
            }
            allowedUntil.remove(key);
        }
        Decision decision = review(token, namespace, name);
        if (decision == Decision.ALLOWED) {
            synchronized (allowedUntil) {
                allowedUntil.put(key, now.plus(cacheFor));
            }
        }
        return decision;
    }

    private Decision review(String token, String namespace, String name) {
        Identity identity = identify(token);
        return identity.user() == null ? identity.decision() : authorize(identity.user(), namespace, name);
    }

    /** Who a bearer token belongs to: the user when the API server accepts it (decision ALLOWED), else why not. */
    public record Identity(Decision decision, UserInfo user) {
    }

    /** The identity behind a token, from a TokenReview; the token itself is not kept. */
    public Identity identify(String token) {
        if (token == null || token.isBlank()) {
            return new Identity(Decision.UNAUTHENTICATED, null);
        }
        try {
            TokenReview review = client.authentication().v1().tokenReviews()
                    .create(new TokenReviewBuilder().withNewSpec().withToken(token.trim()).endSpec().build());
            if (review == null || review.getStatus() == null || !Boolean.TRUE.equals(review.getStatus().getAuthenticated())
                    || review.getStatus().getUser() == null) {
                return new Identity(Decision.UNAUTHENTICATED, null);
            }
            return new Identity(Decision.ALLOWED, review.getStatus().getUser());
        } catch (KubernetesClientException e) {
            unavailable("TokenReview", "tokenreviews.authentication.k8s.io", e);
            return new Identity(Decision.UNAVAILABLE, null);
        }
    }

    /**
     * Whether the user may {@code get testruns} in the namespace (SubjectAccessReview): the run's name given, that
     * run; null, any run there (what a list of the namespace's runs needs). Not cached here.
     */
    public Decision authorize(UserInfo user, String namespace, String name) {
        try {
            SubjectAccessReview access = client.authorization().v1().subjectAccessReview().create(new SubjectAccessReviewBuilder()
                    .withNewSpec()
                    .withUser(user.getUsername()).withUid(user.getUid()).withGroups(user.getGroups()).withExtra(user.getExtra())
                    .withNewResourceAttributes()
                    .withNamespace(namespace).withVerb(VERB).withGroup(Itf.GROUP).withResource(RESOURCE).withName(name)
                    .endResourceAttributes()
                    .endSpec().build());
            boolean allowed = access != null && access.getStatus() != null && Boolean.TRUE.equals(access.getStatus().getAllowed());
            return allowed ? Decision.ALLOWED : Decision.FORBIDDEN;
        } catch (KubernetesClientException e) {
            unavailable("SubjectAccessReview", "subjectaccessreviews.authorization.k8s.io", e);
            return Decision.UNAVAILABLE;
        }
    }

    private static void unavailable(String review, String resource, KubernetesClientException e) {
        LOG.errorf("reports: a %s failed (HTTP %d): %s%s", review, e.getCode(), e.getMessage(),
                e.getCode() == 403 ? "; the operator's ClusterRole needs create on " + resource : "");
    }

    /** Tokens are kept only as their SHA-256, never as they were presented. */
    private static String digest(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}
