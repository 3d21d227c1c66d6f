package dev.itf.operator.dashboard;

import dev.itf.operator.results.ReportAccess;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a viewer may see: runs of the namespaces where it may {@code get testruns} (SubjectAccessReview per namespace,
 * and per run for a run's page and downloads). Answers, allowed and denied, are kept for
 * {@code itf.reports.auth-cache-ttl} (bounded in number), so a run list or a stream of live updates costs the API
 * server one review per namespace and viewer now and then, not one per row or event.
 */
@ApplicationScoped
public class DashboardAccess {
    private record Answer(ReportAccess.Decision decision, Instant until) {
    }

    private final ReportAccess access;
    private final Clock clock;
    private final Duration cacheFor;
    private final int cacheSize;
    private final Map<String, Answer> answers;

    public DashboardAccess(ReportAccess access, Clock clock,
                           @ConfigProperty(name = "itf.reports.auth-cache-ttl", defaultValue = "30s") Duration cacheFor,
                           @ConfigProperty(name = "itf.dashboard.access-cache-size", defaultValue = "10000") int cacheSize) {
        this.access = access;
        this.clock = clock;
        this.cacheFor = cacheFor;
        this.cacheSize = cacheSize;
        this.answers = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Answer> eldest) {
                return size() > DashboardAccess.this.cacheSize;
            }
        };
    }

    /** Whether access is checked at all ({@code itf.reports.auth=kubernetes}). */
    public boolean checked() {
        return access.mode() == ReportAccess.Mode.KUBERNETES;
    }

    /** May the viewer list the runs of this namespace? */
    public ReportAccess.Decision namespace(Viewer viewer, String namespace) {
        return decide(viewer, namespace, null);
    }

    /** May the viewer read this run (its page, its reports)? */
    public ReportAccess.Decision run(Viewer viewer, String namespace, String name) {
        return decide(viewer, namespace, name);
    }

    private ReportAccess.Decision decide(Viewer viewer, String namespace, String name) {
        if (!checked()) {
            return ReportAccess.Decision.ALLOWED;
        }
        if (viewer == null || viewer.anyone()) {
            return ReportAccess.Decision.UNAUTHENTICATED;
        }
        String key = viewer.session() + "/" + namespace + "/" + (name == null ? "" : name);
        Instant now = clock.instant();
        synchronized (answers) {
            Answer a = answers.get(key);
            if (a != null && now.isBefore(a.until())) {
                return a.decision();
            }
        }
        ReportAccess.Decision d = access.authorize(viewer.user(), namespace, name);
        if (d != ReportAccess.Decision.UNAVAILABLE) {
            synchronized (answers) {
                answers.put(key, new Answer(d, now.plus(cacheFor)));
            }
        }
        return d;
    }
}
