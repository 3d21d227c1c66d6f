package dev.itf.operator.dashboard;

import dev.itf.operator.results.AccessReviews;
import dev.itf.operator.results.ReportAccess;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

/** Sessions end when they expire or are signed out; access answers are kept per session, namespace and run. */
class DashboardSessionsTest {
    private KubernetesMockServer server;
    private KubernetesClient client;
    private Instant now = Instant.parse("2026-01-01T10:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };

    @BeforeEach
    void start() {
        server = AccessReviews.started();
        client = AccessReviews.client(server);
    }

    @AfterEach
    void stop() {
        client.close();
        server.destroy();
    }

    @Test
    void aSessionLastsItsTtlAndEndsAtSignOut() {
        ReportAccess access = new ReportAccess(client, clock, "kubernetes", Duration.ofSeconds(30), 100);
        DashboardSessions sessions = new DashboardSessions(access, clock, Duration.ofHours(1), 10);
        assertThat(sessions.signIn("not-a-token").decision()).isEqualTo(ReportAccess.Decision.UNAUTHENTICATED);
        assertThat(sessions.signIn(AccessReviews.BROKEN).decision()).isEqualTo(ReportAccess.Decision.UNAVAILABLE);

        DashboardSessions.SignIn in = sessions.signIn(AccessReviews.READER);
        assertThat(in.decision()).isEqualTo(ReportAccess.Decision.ALLOWED);
        assertThat(in.session()).hasSizeGreaterThan(40).doesNotContain(AccessReviews.READER);
        assertThat(sessions.find(in.session())).get().extracting(Viewer::name).isEqualTo("system:serviceaccount:team:reader");
        assertThat(sessions.find("made-up")).isEmpty();
        assertThat(sessions.find(null)).isEmpty();

        now = now.plus(Duration.ofMinutes(59));
        assertThat(sessions.find(in.session())).isPresent();
        now = now.plus(Duration.ofMinutes(1));
        assertThat(sessions.find(in.session())).isEmpty();

        DashboardSessions.SignIn again = sessions.signIn(AccessReviews.READER);
        sessions.signOut(again.session());
        assertThat(sessions.find(again.session())).isEmpty();
    }

    @Test
    void accessIsReviewedPerNamespaceOnceWithinTheCacheTime() {
        ReportAccess access = new ReportAccess(client, clock, "kubernetes", Duration.ofSeconds(30), 100);
        DashboardSessions sessions = new DashboardSessions(access, clock, Duration.ofHours(1), 10);
        DashboardAccess rights = new DashboardAccess(access, clock, Duration.ofSeconds(30), 100);
        Viewer reader = sessions.find(sessions.signIn(AccessReviews.READER).session()).orElseThrow();
        Viewer outsider = sessions.find(sessions.signIn(AccessReviews.OUTSIDER).session()).orElseThrow();
        int before = server.getRequestCount();

        assertThat(rights.namespace(reader, "team")).isEqualTo(ReportAccess.Decision.ALLOWED);
        assertThat(rights.namespace(reader, AccessReviews.PRIVATE + "-x")).isEqualTo(ReportAccess.Decision.FORBIDDEN);
        assertThat(rights.namespace(outsider, "team")).isEqualTo(ReportAccess.Decision.FORBIDDEN);
        assertThat(rights.run(reader, "team", "r1")).isEqualTo(ReportAccess.Decision.ALLOWED);
        assertThat(rights.namespace(Viewer.ANYONE, "team")).isEqualTo(ReportAccess.Decision.UNAUTHENTICATED);
        int reviews = server.getRequestCount() - before;
        assertThat(reviews).isEqualTo(4);

        for (int i = 0; i < 10; i++) {
            rights.namespace(reader, "team");
            rights.namespace(outsider, "team");
        }
        assertThat(server.getRequestCount() - before).as("answers within the cache time cost no review").isEqualTo(reviews);
        now = now.plusSeconds(31);
        rights.namespace(reader, "team");
        assertThat(server.getRequestCount() - before).isEqualTo(reviews + 1);

        DashboardAccess open = new DashboardAccess(new ReportAccess(client, clock, "none", Duration.ofSeconds(30), 100), clock,
                Duration.ofSeconds(30), 100);
        assertThat(open.namespace(Viewer.ANYONE, AccessReviews.PRIVATE + "-x")).isEqualTo(ReportAccess.Decision.ALLOWED);
    }
}
