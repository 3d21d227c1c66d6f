package dev.itf.api;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/** Starts TestRuns from a template: on a cron schedule, after rollouts of workloads of its namespace, or both. */
@Group(Itf.GROUP)
@Version(Itf.VERSION)
@ShortNames("tsched")
@AdditionalPrinterColumn(name = "SCHEDULE", jsonPath = ".spec.schedule", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "SUSPEND", jsonPath = ".spec.suspend", type = AdditionalPrinterColumn.Type.BOOLEAN)
@AdditionalPrinterColumn(name = "ACTIVE", jsonPath = ".status.activeCount", type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "LAST RUN", jsonPath = ".status.lastRun.name", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "LAST PHASE", jsonPath = ".status.lastRun.phase", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "AGE", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
public class TestSchedule extends CustomResource<TestScheduleSpec, TestScheduleStatus> implements Namespaced {
}
