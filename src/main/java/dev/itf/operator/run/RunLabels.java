package dev.itf.operator.run;

import dev.itf.api.Itf;
import dev.itf.api.TestRun;

import java.util.LinkedHashMap;
import java.util.Map;

/** The labels every object of a run carries: which run it belongs to and that ITF manages it. */
public final class RunLabels {
    private RunLabels() {
    }

    public static Map<String, String> of(TestRun run) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(Itf.LABEL_RUN, RunNames.labelValue(run.getMetadata().getName()));
        labels.put(Itf.LABEL_RUN_NAMESPACE, run.getMetadata().getNamespace());
        labels.put(Itf.LABEL_MANAGED_BY, Itf.MANAGED_BY);
        return labels;
    }

    public static Map<String, String> component(TestRun run, String component) {
        Map<String, String> labels = of(run);
        labels.put(Itf.LABEL_COMPONENT, component);
        return labels;
    }

    /** The run's full name and uid, which labels cannot always hold: how a restarted operator tells whose an object is. */
    public static Map<String, String> annotations(TestRun run) {
        Map<String, String> annotations = new LinkedHashMap<>();
        annotations.put(RunNames.ANNOTATION_RUN_NAME, run.getMetadata().getName());
        annotations.put(RunNames.ANNOTATION_RUN_UID, run.getMetadata().getUid());
        return annotations;
    }

    /** The selector of a component's pods: stable, independent of the run's name. */
    public static Map<String, String> componentSelector(String component) {
        return Map.of(Itf.LABEL_COMPONENT, component);
    }
}
