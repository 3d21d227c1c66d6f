package dev.itf.operator.results;

import dev.itf.operator.results.ReportAccess.Decision;
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
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Who may read reports, against a mock API server that answers TokenReviews and SubjectAccessReviews. */
class ReportAccessTest {
    private KubernetesMockServer server;
    private KubernetesClient client;
    private final MovableClock clock = new MovableClock();

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

    private ReportAccess access(int cacheSize) {
        return new ReportAccess(client, clock, "kubernetes", Duration.ofSeconds(30), cacheSize);
    }

    @Test
    void noTokenOrAnotherSchemeIsUnauthenticatedWithoutAskingTheApiServer() {
        ReportAccess access = access(10);
        assertThat(access.check(null, "team", "run-1")).isEqualTo(Decision.UNAUTHENTICATED);
        assertThat(access.check("Bearer ", "team", "run-1")).isEqualTo(Decision.UNAUTHENTICATED);
        assertThat(access.check("Basic dXNlcjpwYXNz", "team", "run-1")).isEqualTo(Decision.UNAUTHENTICATED);
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void aTokenTheApiServerDoesNotKnowIsUnauthenticated() {
        assertThat(access(10).check("Bearer forged-token", "team", "run-1")).isEqualTo(Decision.UNAUTHENTICATED);
        assertThat(AccessReviews.tokenReviews("forged-token")).isEqualTo(1);
    }

    @Test
    void anIdentityThatMayNotGetTestRunsIsForbiddenWhetherOrNotTheRunExists() {
        ReportAccess access = access(10);
        assertThat(access.check("Bearer " + AccessReviews.OUTSIDER, "team", "run-1")).isEqualTo(Decision.FORBIDDEN);
        assertThat(access.check("Bearer " + AccessReviews.OUTSIDER, "team", "no-such-run")).isEqualTo(Decision.FORBIDDEN);
    }

    @Test
    void anIdentityThatMayGetTestRunsIsAllowedAndRememberedBriefly() {
        String token = AccessReviews.READER + "-cache";
        ReportAccess access = access(10);
        assertThat(access.check("Bearer " + token, "team", "run-1")).isEqualTo(Decision.ALLOWED);
        assertThat(access.check("Bearer " + token, "team", "run-1")).isEqualTo(Decision.ALLOWED);
        assertThat(AccessReviews.tokenReviews(token)).isEqualTo(1);

        clock.move(Duration.ofSeconds(31));
        assertThat(access.check("Bearer " + token, "team", "run-1")).isEqualTo(Decision.ALLOWED);
        assertThat(AccessReviews.tokenReviews(token)).isEqualTo(2);
    }

    @Test
    void theCacheHoldsAtMostItsSize() {
        ReportAccess access = access(2);
        for (int i = 1; i <= 3; i++) {
            assertThat(access.check("Bearer " + AccessReviews.READER + "-size-" + i, "team", "run-1")).isEqualTo(Decision.ALLOWED);
        }
        assertThat(access.check("Bearer " + AccessReviews.READER + "-size-1", "team", "run-1")).isEqualTo(Decision.ALLOWED);
        assertThat(AccessReviews.tokenReviews(AccessReviews.READER + "-size-1")).isEqualTo(2);
        assertThat(access.check("Bearer " + AccessReviews.READER + "-size-3", "team", "run-1")).isEqualTo(Decision.ALLOWED);
        assertThat(AccessReviews.tokenReviews(AccessReviews.READER + "-size-3")).isEqualTo(1);
    }

    @Test
    void anApiServerThatCannotAnswerMakesTheReportUnavailable() {
        assertThat(access(10).check("Bearer " + AccessReviews.BROKEN, "team", "run-1")).isEqualTo(Decision.UNAVAILABLE);
    }

    @Test
    void noneLetsEveryoneInAndAnUnknownModeNamesTheSetting() {
        ReportAccess open = new ReportAccess(client, clock, "none", Duration.ofSeconds(30), 10);
        assertThat(open.check(null, "team", "run-1")).isEqualTo(Decision.ALLOWED);
        assertThat(server.getRequestCount()).isZero();
        assertThatThrownBy(() -> new ReportAccess(client, clock, "rbac", Duration.ofSeconds(30), 10))
                .hasMessageContaining("itf.reports.auth").hasMessageContaining("reports.auth").hasMessageContaining("kubernetes or none");
    }

    /** A clock the test moves. */
    static final class MovableClock extends Clock {
        private Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void move(Duration by) {
            now = now.plus(by);
        }

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
    }
}
