package dev.itf.api;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/** What to test: cases made of ordered steps, with their auth profiles and defaults. */
@Group(Itf.GROUP)
@Version(Itf.VERSION)
@ShortNames("tsuite")
@AdditionalPrinterColumn(name = "CASES", jsonPath = ".status.cases", type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "VALID", jsonPath = ".status.conditions[?(@.type==\"Valid\")].status", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "AGE", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
public class TestSuite extends CustomResource<TestSuiteSpec, TestSuiteStatus> implements Namespaced {
}
