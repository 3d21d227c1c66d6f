package dev.itf.operator.schedule;

import dev.itf.api.Itf;
import dev.itf.api.RunPhase;
import dev.itf.api.TestRun;
import dev.itf.api.TestRunStatus;
import dev.itf.api.TestSchedule;
import dev.itf.api.TestScheduleSpec.WorkloadKind;
import dev.itf.manifest.Manifests;
import dev.itf.operator.StatusConditions;
import io.fabric8.kubernetes.api.model.Condition;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The schedule's decisions, from spec, last status, runs and workloads, without a cluster. */
class SchedulePlanTest {

    private static final Instant CREATED = Instant.parse("2026-01-01T00:00:00Z");
    private final StatusConditions conditions = new StatusConditions(Clock.fixed(CREATED, ZoneOffset.UTC));

    private static TestSchedule schedule(String spec) {
        try {
            TestSchedule s = Manifests.parse(Path.of("schedule.yaml"), """
                    apiVersion: itf.dev/v1alpha1
                    kind: TestSchedule
                    metadata: {name: orders-nightly, namespace: team-a, uid: 0b7e5b7c-uid, generation: 1, creationTimestamp: "2026-01-01T00:00:00Z"}
                    spec:
                    """ + spec.indent(2) + """
                      runTemplate:
                        metadata: {labels: {team: orders}}
                        spec: {suiteRef: {name: orders-api}}
                    """).get(0).as(TestSchedule.class).resource();
            return s;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private SchedulePlan.Plan plan(TestSchedule s, String now, List<TestRun> runs, List<Workload> workloads) {
        SchedulePlan.Plan plan = SchedulePlan.plan(s, Instant.parse(now), runs, workloads, conditions);
        s.setStatus(plan.status());
        return plan;
    }

    private static TestRun run(String name, RunPhase phase, String created) {
        TestRun r = new TestRun();
        r.getMetadata().setName(name);
        r.getMetadata().setCreationTimestamp(created);
        r.getMetadata().setLabels(Map.of(Itf.LABEL_SCHEDULE, "orders-nightly"));
        r.setStatus(new TestRunStatus());
        r.getStatus().phase = phase;
        return r;
    }

    private static TestRun created(SchedulePlan.Plan plan, RunPhase phase) {
        TestRun r = plan.create().orElseThrow();
        r.getMetadata().setCreationTimestamp("2026-01-01T00:00:00Z");
        r.setStatus(new TestRunStatus());
        r.getStatus().phase = phase;
        return r;
    }

    private static Workload deployment(String name, long generation, boolean available) {
        return new Workload(WorkloadKind.Deployment, name, Map.of("app", "orders"), generation, available);
    }

    private static Condition valid(TestSchedule s) {
        return StatusConditions.find(s.getStatus().conditions, "Valid").orElseThrow();
    }

    @Test
    void aTickStartsARunNamedAfterTheScheduleAndTheTickTime() {
        TestSchedule s = schedule("schedule: \"0 3 * * *\"\n");
        SchedulePlan.Plan before = plan(s, "2026-01-01T02:59:00Z", List.of(), List.of());
        assertThat(before.create()).isEmpty();
        assertThat(before.wake()).hasValue(Duration.ofMinutes(1));
        assertThat(s.getStatus().nextScheduleTime).isEqualTo("2026-01-01T03:00:00Z");
        assertThat(valid(s).getStatus()).isEqualTo("True");

        SchedulePlan.Plan at = plan(s, "2026-01-01T03:00:05Z", List.of(), List.of());
        TestRun run = at.create().orElseThrow();
        assertThat(run.getMetadata().getName()).isEqualTo("orders-nightly-" + Instant.parse("2026-01-01T03:00:00Z").getEpochSecond());
        assertThat(run.getMetadata().getAnnotations()).containsEntry(Itf.ANNOTATION_TRIGGER, "schedule 2026-01-01T03:00:00Z");
        assertThat(s.getStatus().lastScheduleTime).isEqualTo("2026-01-01T03:00:00Z");
        assertThat(s.getStatus().lastRun.name).isEqualTo(run.getMetadata().getName());
        assertThat(s.getStatus().activeCount).isEqualTo(1);
        assertThat(s.getStatus().pending).isNull();
        assertThat(at.notes()).extracting(SchedulePlan.Note::reason).containsExactly("RunCreated");
    }

    @Test
    void ticksMissedWhileTheOperatorWasDownStartOneRun() {
        TestSchedule s = schedule("schedule: \"* * * * *\"\nconcurrencyPolicy: Allow\n");
        plan(s, "2026-01-01T00:00:30Z", List.of(), List.of());
        SchedulePlan.Plan late = plan(s, "2026-01-01T05:17:10Z", List.of(), List.of());
        assertThat(late.create()).isPresent();
        assertThat(late.create().get().getMetadata().getAnnotations().get(Itf.ANNOTATION_TRIGGER)).isEqualTo("schedule 2026-01-01T05:17:00Z");
        TestRun started = created(late, RunPhase.Running);
        assertThat(plan(s, "2026-01-01T05:17:40Z", List.of(started), List.of()).create()).isEmpty();
    }

    @Test
    void theTimeZoneDecidesWhenTheDayStarts() {
        TestSchedule s = schedule("schedule: \"0 3 * * *\"\ntimeZone: Europe/Berlin\n");
        plan(s, "2026-01-01T00:30:00Z", List.of(), List.of());
        assertThat(s.getStatus().nextScheduleTime).isEqualTo("2026-01-01T02:00:00Z");
    }

    @Test
    void forbidSkipsATickWhileARunIsActiveAndSaysSo() {
        TestSchedule s = schedule("schedule: \"*/5 * * * *\"\nconcurrencyPolicy: Forbid\n");
        TestRun active = run("orders-nightly-1", RunPhase.Running, "2026-01-01T00:00:00Z");
        SchedulePlan.Plan p = plan(s, "2026-01-01T00:05:01Z", List.of(active), List.of());
        assertThat(p.create()).isEmpty();
        assertThat(s.getStatus().pending).isNull();
        assertThat(s.getStatus().lastSkipped.message).isEqualTo(
                "no run for schedule 2026-01-01T00:05:00Z: orders-nightly-1 still running (concurrencyPolicy Forbid)");
        assertThat(p.notes()).singleElement().satisfies(n -> {
            assertThat(n.reason()).isEqualTo("RunSkipped");
            assertThat(n.warning()).isTrue();
        });
    }

    @Test
    void queueKeepsOneRunWaitingAndLaterTriggersJoinIt() {
        TestSchedule s = schedule("schedule: \"*/5 * * * *\"\n");
        TestRun active = run("orders-nightly-1", RunPhase.Running, "2026-01-01T00:00:00Z");
        assertThat(plan(s, "2026-01-01T00:05:01Z", List.of(active), List.of()).create()).isEmpty();
        assertThat(s.getStatus().pending.reasons).containsExactly("schedule 2026-01-01T00:05:00Z");
        assertThat(plan(s, "2026-01-01T00:10:01Z", List.of(active), List.of()).create()).isEmpty();
        assertThat(s.getStatus().pending.reasons).containsExactly("schedule 2026-01-01T00:05:00Z", "schedule 2026-01-01T00:10:00Z");
        active.getStatus().phase = RunPhase.Succeeded;
        SchedulePlan.Plan after = plan(s, "2026-01-01T00:11:00Z", List.of(active), List.of());
        assertThat(after.create()).hasValueSatisfying(r -> {
            assertThat(r.getMetadata().getName()).isEqualTo("orders-nightly-" + Instant.parse("2026-01-01T00:05:00Z").getEpochSecond());
            assertThat(r.getMetadata().getAnnotations().get(Itf.ANNOTATION_TRIGGER))
                    .isEqualTo("schedule 2026-01-01T00:05:00Z; schedule 2026-01-01T00:10:00Z");
        });
        assertThat(s.getStatus().pending).isNull();
    }

    @Test
    void replaceDeletesTheActiveRunAndStartsTheNewOne() {
        TestSchedule s = schedule("schedule: \"*/5 * * * *\"\nconcurrencyPolicy: Replace\n");
        TestRun active = run("orders-nightly-1", RunPhase.Running, "2026-01-01T00:00:00Z");
        SchedulePlan.Plan p = plan(s, "2026-01-01T00:05:01Z", List.of(active), List.of());
        assertThat(p.delete()).containsExactly("orders-nightly-1");
        assertThat(p.create()).isPresent();
        assertThat(p.notes()).extracting(SchedulePlan.Note::reason).containsExactly("RunReplaced", "RunCreated");
    }

    @Test
    void allowStartsAnotherRunBesideTheActiveOne() {
        TestSchedule s = schedule("schedule: \"*/5 * * * *\"\nconcurrencyPolicy: Allow\n");
        TestRun active = run("orders-nightly-1", RunPhase.Running, "2026-01-01T00:00:00Z");
        SchedulePlan.Plan p = plan(s, "2026-01-01T00:05:01Z", List.of(active), List.of());
        assertThat(p.create()).isPresent();
        assertThat(p.delete()).isEmpty();
        assertThat(s.getStatus().activeCount).isEqualTo(2);
    }

    @Test
    void eachRolloutTriggersOnceAndTheFirstLookOnlyNotesTheGenerations() {
        TestSchedule s = schedule("triggers:\n  - rollout: {kind: Deployment, selector: {matchLabels: {app: orders}}}\n");
        Workload other = new Workload(WorkloadKind.Deployment, "billing", Map.of("app", "billing"), 9, true);
        Workload statefulOrders = new Workload(WorkloadKind.StatefulSet, "orders-db", Map.of("app", "orders"), 9, true);
        assertThat(plan(s, "2026-01-01T00:00:10Z", List.of(), List.of(deployment("orders", 3, true), other, statefulOrders)).create()).isEmpty();
        assertThat(s.getStatus().rollouts).singleElement().satisfies(w -> assertThat(w.generation).isEqualTo(3L));
        // generation 4 is rolling out: nothing yet
        assertThat(plan(s, "2026-01-01T00:01:00Z", List.of(), List.of(deployment("orders", 4, false))).create()).isEmpty();
        SchedulePlan.Plan done = plan(s, "2026-01-01T00:02:00Z", List.of(), List.of(deployment("orders", 4, true)));
        assertThat(done.create()).hasValueSatisfying(r -> assertThat(r.getMetadata().getAnnotations().get(Itf.ANNOTATION_TRIGGER))
                .isEqualTo("rollout Deployment/orders generation 4"));
        assertThat(s.getStatus().lastTriggerTime).isEqualTo("2026-01-01T00:02:00Z");
        TestRun first = created(done, RunPhase.Succeeded);
        assertThat(plan(s, "2026-01-01T00:03:00Z", List.of(first), List.of(deployment("orders", 4, true))).create()).isEmpty();
        // a workload created after the first look triggers on its first rollout
        SchedulePlan.Plan fresh = plan(s, "2026-01-01T00:04:00Z", List.of(first),
                List.of(deployment("orders", 4, true), deployment("orders-worker", 1, true)));
        assertThat(fresh.create()).hasValueSatisfying(r -> assertThat(r.getMetadata().getAnnotations().get(Itf.ANNOTATION_TRIGGER))
                .isEqualTo("rollout Deployment/orders-worker generation 1"));
    }

    @Test
    void aSecondTriggerDueInTheSameSecondGetsARunOfItsOwnName() {
        // two Deployments finish their rollouts within one second, seen by two reconciles: the second run must not
        // take the first one's name (the create would be refused and its trigger lost)
        TestSchedule s = schedule("concurrencyPolicy: Allow\ntriggers:\n  - rollout: {kind: Deployment, selector: {matchLabels: {app: orders}}}\n");
        plan(s, "2026-01-01T00:00:00Z", List.of(), List.of(deployment("orders", 1, true), deployment("orders-worker", 1, true)));
        SchedulePlan.Plan first = plan(s, "2026-01-01T00:01:00.100Z", List.of(),
                List.of(deployment("orders", 2, true), deployment("orders-worker", 2, false)));
        TestRun orders = created(first, RunPhase.Pending);
        assertThat(orders.getMetadata().getName()).isEqualTo("orders-nightly-1767225660");
        SchedulePlan.Plan second = plan(s, "2026-01-01T00:01:00.800Z", List.of(orders),
                List.of(deployment("orders", 2, true), deployment("orders-worker", 2, true)));
        assertThat(second.create()).hasValueSatisfying(r -> {
            assertThat(r.getMetadata().getName()).isEqualTo("orders-nightly-1767225661");
            assertThat(r.getMetadata().getAnnotations().get(Itf.ANNOTATION_TRIGGER)).isEqualTo("rollout Deployment/orders-worker generation 2");
        });
        assertThat(s.getStatus().lastRun.name).isEqualTo("orders-nightly-1767225661");
    }

    @Test
    void rolloutsAndTicksWithinTheDebounceWindowStartOneRun() {
        TestSchedule s = schedule("schedule: \"0 * * * *\"\ndebounce: 2m\ntriggers:\n  - rollout: {kind: Deployment, selector: {matchLabels: {app: orders}}}\n");
        plan(s, "2026-01-01T00:58:00Z", List.of(), List.of(deployment("orders", 1, true), deployment("orders-worker", 1, true)));
        SchedulePlan.Plan first = plan(s, "2026-01-01T00:59:30Z", List.of(), List.of(deployment("orders", 2, true), deployment("orders-worker", 1, true)));
        assertThat(first.create()).isEmpty();
        assertThat(first.wake()).hasValue(Duration.ofSeconds(30));
        assertThat(s.getStatus().pending.due).isEqualTo("2026-01-01T01:01:30Z");
        assertThat(plan(s, "2026-01-01T01:00:10Z", List.of(), List.of(deployment("orders", 2, true), deployment("orders-worker", 2, true))).create()).isEmpty();
        SchedulePlan.Plan due = plan(s, "2026-01-01T01:01:31Z", List.of(), List.of(deployment("orders", 2, true), deployment("orders-worker", 2, true)));
        assertThat(due.create()).hasValueSatisfying(r -> assertThat(r.getMetadata().getAnnotations().get(Itf.ANNOTATION_TRIGGER)).isEqualTo(
                "rollout Deployment/orders generation 2; schedule 2026-01-01T01:00:00Z; rollout Deployment/orders-worker generation 2"));
    }

    @Test
    void aSuspendedScheduleStartsNothingAndDoesNotCatchUpWhenResumed() {
        TestSchedule s = schedule("schedule: \"*/5 * * * *\"\nsuspend: true\n");
        SchedulePlan.Plan p = plan(s, "2026-01-01T00:05:01Z", List.of(), List.of());
        assertThat(p.create()).isEmpty();
        assertThat(s.getStatus().lastSkipped.message).contains("suspended");
        s.getSpec().suspend = false;
        assertThat(plan(s, "2026-01-01T00:06:00Z", List.of(), List.of()).create()).isEmpty();
        assertThat(plan(s, "2026-01-01T00:10:00Z", List.of(), List.of()).create()).isPresent();
    }

    @Test
    void historyLimitsDeleteTheOldestFinishedRuns() {
        TestSchedule s = schedule("schedule: \"0 3 * * *\"\nsuccessfulRunsHistoryLimit: 1\nfailedRunsHistoryLimit: 2\n");
        List<TestRun> runs = new ArrayList<>();
        runs.add(run("a", RunPhase.Succeeded, "2026-01-01T00:01:00Z"));
        runs.add(run("b", RunPhase.Failed, "2026-01-01T00:02:00Z"));
        runs.add(run("c", RunPhase.Succeeded, "2026-01-01T00:03:00Z"));
        runs.add(run("d", RunPhase.Error, "2026-01-01T00:04:00Z"));
        runs.add(run("e", RunPhase.Failed, "2026-01-01T00:05:00Z"));
        runs.add(run("f", RunPhase.Running, "2026-01-01T00:06:00Z"));
        SchedulePlan.Plan p = plan(s, "2026-01-01T00:07:00Z", runs, List.of());
        assertThat(p.delete()).containsExactlyInAnyOrder("a", "b");
        assertThat(s.getStatus().lastRun.name).isEqualTo("f");
        assertThat(s.getStatus().active).extracting(r -> r.name).containsExactly("f");
    }

    @Test
    void theSameTriggersNeverStartASecondRun() {
        TestSchedule s = schedule("schedule: \"0 3 * * *\"\nconcurrencyPolicy: Allow\n");
        TestSchedule copy = schedule("schedule: \"0 3 * * *\"\nconcurrencyPolicy: Allow\n");
        TestRun first = created(plan(s, "2026-01-01T03:00:01Z", List.of(), List.of()), RunPhase.Running);
        // a reconcile whose status update was lost sees the old status and the run it created
        assertThat(plan(copy, "2026-01-01T03:00:02Z", List.of(first), List.of()).create()).isEmpty();
    }

    @Test
    void aRolloutSeenAgainThroughAnOlderStatusIsNotQueuedTwice() {
        String spec = "triggers:\n  - rollout: {kind: Deployment, selector: {matchLabels: {app: orders}}}\n";
        TestSchedule s = schedule(spec);
        plan(s, "2026-01-01T00:00:10Z", List.of(), List.of(deployment("orders", 1, true)));
        TestSchedule stale = schedule(spec);
        stale.setStatus(dev.itf.operator.StatusUpdate.copy(s.getStatus(), dev.itf.api.TestScheduleStatus.class));
        TestRun first = created(plan(s, "2026-01-01T00:01:00Z", List.of(), List.of(deployment("orders", 2, true))), RunPhase.Running);
        SchedulePlan.Plan again = plan(stale, "2026-01-01T00:01:01Z", List.of(first), List.of(deployment("orders", 2, true)));
        assertThat(again.create()).isEmpty();
        assertThat(stale.getStatus().pending).isNull();
    }

    @Test
    void anInvalidScheduleStartsNothingAndNamesTheField() {
        TestSchedule s = schedule("schedule: \"0 25 * * *\"\ntimeZone: Mars/Olympus\n");
        SchedulePlan.Plan p = plan(s, "2026-01-01T03:00:01Z", List.of(), List.of());
        assertThat(p.create()).isEmpty();
        assertThat(p.wake()).isEmpty();
        Condition valid = valid(s);
        assertThat(valid.getStatus()).isEqualTo("False");
        assertThat(valid.getReason()).isEqualTo("InvalidSpec");
        assertThat(valid.getMessage()).isEqualTo("spec.schedule: \"0 25 * * *\" hour field \"25\" has 25, outside 0-23; "
                + "spec.timeZone: \"Mars/Olympus\" is not a time zone; use an IANA name such as Europe/Berlin or UTC");
    }
}
