package dev.itf.operator;

import dev.itf.api.Itf;
import dev.itf.api.TestRun;
import dev.itf.api.TestSchedule;
import dev.itf.api.TestScheduleSpec;
import dev.itf.operator.schedule.SchedulePlan;
import dev.itf.operator.schedule.Workload;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.Mappers;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Starts TestRuns for TestSchedules. The decision is {@link SchedulePlan}'s, from the schedule, its runs (read from
 * the API server, so a run created a moment ago is never missed) and the workloads its rollout triggers watch; this
 * class only carries it out. Reconciles follow the schedule, its runs, the workloads of its namespace, and the next
 * tick or the end of the debounce window.
 */
@ControllerConfiguration(name = "testschedule")
public class TestScheduleReconciler implements Reconciler<TestSchedule> {

    private static final Map<TestScheduleSpec.WorkloadKind, Class<? extends HasMetadata>> WORKLOADS = Map.of(
            TestScheduleSpec.WorkloadKind.Deployment, Deployment.class,
            TestScheduleSpec.WorkloadKind.StatefulSet, StatefulSet.class,
            TestScheduleSpec.WorkloadKind.DaemonSet, DaemonSet.class);

    @Inject
    KubernetesClient client;
    @Inject
    StatusConditions conditions;
    @Inject
    Events events;
    @Inject
    Leadership leadership;
    @Inject
    Clock clock;

    @Override
    public UpdateControl<TestSchedule> reconcile(TestSchedule schedule, Context<TestSchedule> context) {
        if (!leadership.isLeader()) {
            return UpdateControl.noUpdate();
        }
        Instant now = clock.instant();
        String namespace = schedule.getMetadata().getNamespace();
        List<TestRun> runs = client.resources(TestRun.class).inNamespace(namespace)
                .withLabel(Itf.LABEL_SCHEDULE, schedule.getMetadata().getName()).list().getItems().stream()
                .filter(run -> run.getMetadata().getOwnerReferences() != null && run.getMetadata().getOwnerReferences().stream()
                        .anyMatch(o -> schedule.getMetadata().getUid().equals(o.getUid())))
                .toList();
        SchedulePlan.Plan plan = SchedulePlan.plan(schedule, now, runs, workloads(schedule, context), conditions);
        for (String name : plan.delete()) {
            client.resources(TestRun.class).inNamespace(namespace).withName(name).delete();
        }
        plan.create().ifPresent(run -> {
            try {
                client.resources(TestRun.class).inNamespace(namespace).resource(run).create();
            } catch (KubernetesClientException e) {
                // the same name is the same trigger: created by a reconcile whose status update was lost
                if (e.getCode() != 409) {
                    throw e;
                }
            }
        });
        for (SchedulePlan.Note note : plan.notes()) {
            String name = schedule.getMetadata().getName() + "." + note.reason().toLowerCase() + "."
                    + Integer.toHexString((schedule.getMetadata().getUid() + note.message()).hashCode());
            events.post(schedule, name, note.reason(), note.message(), note.warning() ? "Warning" : "Normal", now);
        }
        UpdateControl<TestSchedule> update = StatusUpdate.patchIfChanged(schedule, plan.status(), context);
        return plan.wake().map(d -> update.rescheduleAfter(Math.max(0, d.toMillis()) + 500)).orElse(update);
    }

    private List<Workload> workloads(TestSchedule schedule, Context<TestSchedule> context) {
        List<Workload> found = new ArrayList<>();
        if (schedule.getSpec() == null || schedule.getSpec().triggers == null) {
            return found;
        }
        Set<TestScheduleSpec.WorkloadKind> kinds = schedule.getSpec().triggers.stream()
                .filter(t -> t != null && t.rollout != null && t.rollout.kind != null)
                .map(t -> t.rollout.kind).collect(Collectors.toSet());
        for (TestScheduleSpec.WorkloadKind kind : kinds) {
            var source = (InformerEventSource<? extends HasMetadata, TestSchedule>) context.eventSourceRetriever()
                    .getEventSourceFor(WORKLOADS.get(kind), source(kind));
            source.list(schedule.getMetadata().getNamespace()).map(Workload::of).forEach(found::add);
        }
        return found;
    }

    private static String source(TestScheduleSpec.WorkloadKind kind) {
        return "schedule-" + kind.name().toLowerCase();
    }

    @Override
    public List<EventSource<?, TestSchedule>> prepareEventSources(EventSourceContext<TestSchedule> context) {
        List<EventSource<?, TestSchedule>> sources = new ArrayList<>();
        sources.add(new InformerEventSource<>(InformerEventSourceConfiguration.from(TestRun.class, TestSchedule.class)
                .withName("schedule-runs")
                .withNamespacesInheritedFromController()
                .withLabelSelector(Itf.LABEL_SCHEDULE)
                .withSecondaryToPrimaryMapper(Mappers.fromOwnerReferences(TestSchedule.class))
                .build(), context));
        for (var kind : WORKLOADS.entrySet()) {
            sources.add(workloads(context, kind.getKey(), kind.getValue()));
        }
        return sources;
    }

    /** An informer on a workload kind; an event goes to the schedules of its namespace whose triggers select it. */
    private static <R extends HasMetadata> InformerEventSource<R, TestSchedule> workloads(EventSourceContext<TestSchedule> context,
                                                                                       TestScheduleSpec.WorkloadKind kind, Class<R> type) {
        // one informer per kind in the watched namespaces; rollouts of workloads no trigger selects cost a filter each
        return new InformerEventSource<>(InformerEventSourceConfiguration.from(type, TestSchedule.class)
                .withName(source(kind))
                .withNamespacesInheritedFromController()
                .withSecondaryToPrimaryMapper(object -> context.getPrimaryCache()
                        .list(object.getMetadata().getNamespace())
                        .filter(schedule -> SchedulePlan.watches(schedule, Workload.of(object)))
                        .map(ResourceID::fromResource)
                        .collect(Collectors.toSet()))
                .build(), context);
    }
}
