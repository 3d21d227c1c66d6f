package dev.itf.operator.schedule;

import dev.itf.api.Itf;
import dev.itf.api.TestRun;
import dev.itf.api.TestRunSpec;
import dev.itf.api.TestSchedule;
import dev.itf.api.TestScheduleSpec;
import dev.itf.json.Json;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The TestRun a schedule starts: its template, named {@code <schedule>-<unix time>}, labelled with and owned by the schedule. */
public final class ScheduledRun {

    private ScheduledRun() {
    }

    public static String name(TestSchedule schedule, Instant due) {
        return schedule.getMetadata().getName() + "-" + due.getEpochSecond();
    }

    /** What started the run, as its trigger annotation holds it: a run with the same one is not started twice. */
    public static String trigger(List<String> reasons) {
        return String.join("; ", reasons);
    }

    public static TestRun build(TestSchedule schedule, Instant due, List<String> reasons) {
        TestScheduleSpec.RunTemplate template = schedule.getSpec().runTemplate;
        Map<String, String> labels = new LinkedHashMap<>();
        Map<String, String> annotations = new LinkedHashMap<>();
        if (template.metadata != null) {
            labels.putAll(template.metadata.labels);
            annotations.putAll(template.metadata.annotations);
        }
        labels.put(Itf.LABEL_SCHEDULE, schedule.getMetadata().getName());
        annotations.put(Itf.ANNOTATION_TRIGGER, trigger(reasons));
        TestRun run = new TestRun();
        run.setMetadata(new ObjectMetaBuilder()
                .withName(name(schedule, due))
                .withNamespace(schedule.getMetadata().getNamespace())
                .withLabels(labels)
                .withAnnotations(annotations)
                .withOwnerReferences(new OwnerReferenceBuilder()
                        .withApiVersion(Itf.API_VERSION).withKind("TestSchedule")
                        .withName(schedule.getMetadata().getName()).withUid(schedule.getMetadata().getUid())
                        .withController(true).withBlockOwnerDeletion(true)
                        .build())
                .build());
        run.setSpec(Json.MAPPER.convertValue(template.spec, TestRunSpec.class));
        return run;
    }
}
