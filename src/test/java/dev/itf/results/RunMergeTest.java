package dev.itf.results;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RunMergeTest {

    static RunResult run(String startedAt, int shard, int shards, CaseResult... cases) {
        RunResult r = new RunResult();
        r.suite = "orders-api";
        r.startedAt = startedAt;
        r.finishedAt = startedAt.replace(":00Z", ":30Z");
        r.shard = shard;
        r.shards = shards;
        r.cases = List.of(cases);
        r.summary = RunResult.summarize(r.cases);
        return r;
    }

    static CaseResult c(String id, Outcome o, ErrorKind kind) {
        CaseResult r = CaseResults.result(id, 1, o, o == Outcome.PASSED ? null : "step \"s\": went wrong");
        r.errorKind = kind;
        r.durationMs = 100;
        return r;
    }

    @Test
    void shardsAreUnitedAndARerunsLastAttemptWinsWhateverTheOrderOfFiles() {
        CaseResult retried = c("B", Outcome.FAILED, ErrorKind.STATUS);
        retried.attempt = 2;
        Attempt first = Attempt.of(c("B", Outcome.ERRORED, ErrorKind.TIMEOUT));
        retried.earlierAttempts = List.of(first);
        RunResult shard0 = run("2026-01-31T12:00:00Z", 0, 2, c("A", Outcome.PASSED, null), retried);
        RunResult shard1 = run("2026-01-31T12:00:01Z", 1, 2, c("C", Outcome.FAILED, ErrorKind.BODY));
        RunResult rerun = run("2026-01-31T13:00:00Z", 0, 1, c("B", Outcome.PASSED, null), c("C", Outcome.FAILED, ErrorKind.JSON_PATH));

        RunResult merged = RunMerge.merge(List.of(rerun, shard1, shard0));
        assertThat(merged.cases).extracting(r -> r.caseId).containsExactly("A", "B", "C");
        assertThat(merged.startedAt).isEqualTo("2026-01-31T12:00:00Z");
        assertThat(merged.finishedAt).isEqualTo("2026-01-31T13:00:30Z");
        assertThat(merged.durationMs).isEqualTo(3_630_000);
        assertThat(merged.shards).isEqualTo(2);
        CaseResult b = merged.cases.get(1);
        assertThat(b.outcome).isEqualTo(Outcome.PASSED);
        assertThat(b.flaky).isTrue();
        assertThat(b.attempt).isEqualTo(3);
        assertThat(b.earlierAttempts).extracting(a -> a.attempt, a -> a.errorKind)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1, ErrorKind.TIMEOUT), org.assertj.core.groups.Tuple.tuple(2, ErrorKind.STATUS));
        assertThat(b.durationMs).isEqualTo(200);
        CaseResult c = merged.cases.get(2);
        assertThat(c.outcome).isEqualTo(Outcome.FAILED);
        assertThat(c.flaky).isFalse();
        assertThat(c.errorKind).isEqualTo(ErrorKind.JSON_PATH);
        assertThat(merged.summary.total).isEqualTo(3);
        assertThat(merged.summary.passed).isEqualTo(2);
        assertThat(merged.summary.failed).isEqualTo(1);
        assertThat(merged.summary.flaky).isEqualTo(1);
    }

    @Test
    void complianceOfShardsIsJoinedAndAFailureAnywhereFailsTheControl() {
        RunResult a = run("2026-01-31T12:00:00Z", 0, 2, c("A", Outcome.PASSED, null));
        RunResult b = run("2026-01-31T12:00:01Z", 1, 2, c("B", Outcome.PASSED, null));
        a.compliance = compliance("owasp-api-2023:API1", Compliance.Control.PASSED, "owasp-api-2023:API2", Compliance.Control.NOT_TESTED);
        b.compliance = compliance("owasp-api-2023:API1", Compliance.Control.FAILED, "owasp-api-2023:API2", Compliance.Control.PASSED);
        Compliance merged = RunMerge.merge(List.of(a, b)).compliance;
        assertThat(merged.profiles).singleElement().satisfies(p -> {
            assertThat(p.controls).extracting(ctl -> ctl.status).containsExactly(Compliance.Control.FAILED, Compliance.Control.PASSED);
            assertThat(p.coverage).isEqualTo(1.0);
            assertThat(p.controls.get(0).cases).containsExactly("CASE_1");
        });
    }

    private static Compliance compliance(String c1, String s1, String c2, String s2) {
        Compliance c = new Compliance();
        Compliance.Profile p = new Compliance.Profile();
        p.profile = "owasp-api-2023";
        for (String[] ctl : new String[][] {{c1, s1}, {c2, s2}}) {
            Compliance.Control control = new Compliance.Control();
            control.control = ctl[0];
            control.status = ctl[1];
            control.cases.add("CASE_1");
            p.controls.add(control);
        }
        c.profiles.add(p);
        return c;
    }

    @Test
    void resultsOfDifferentSuitesAreRefused() {
        RunResult a = run("2026-01-31T12:00:00Z", 0, 1, c("A", Outcome.PASSED, null));
        RunResult b = run("2026-01-31T12:00:00Z", 0, 1, c("A", Outcome.PASSED, null));
        b.suite = "payments";
        assertThatThrownBy(() -> RunMerge.merge(List.of(a, b))).hasMessageContaining("different suites");
    }
}
