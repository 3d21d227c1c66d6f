package dev.itf.api;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/** One run of a suite against an environment, in a fresh namespace. */
@Group(Itf.GROUP)
@Version(Itf.VERSION)
@ShortNames("trun")
@AdditionalPrinterColumn(name = "SUITE", jsonPath = ".spec.suiteRef.name", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "PHASE", jsonPath = ".status.phase", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "TOTAL", jsonPath = ".status.summary.total", type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "PASSED", jsonPath = ".status.summary.passed", type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "FAILED", jsonPath = ".status.summary.failed", type = AdditionalPrinterColumn.Type.INTEGER)
// DURATION is written once, when the run finishes; STARTED (shown as an age) tells how long an unfinished run has run
@AdditionalPrinterColumn(name = "DURATION", jsonPath = ".status.duration", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "STARTED", jsonPath = ".status.startTime", type = AdditionalPrinterColumn.Type.DATE)
@AdditionalPrinterColumn(name = "AGE", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
public class TestRun extends CustomResource<TestRunSpec, TestRunStatus> implements Namespaced {
}
