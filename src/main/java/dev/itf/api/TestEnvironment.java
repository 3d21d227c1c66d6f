package dev.itf.api;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/** What to test against: the components provisioned into each run's namespace. */
@Group(Itf.GROUP)
@Version(Itf.VERSION)
@ShortNames("tenv")
@AdditionalPrinterColumn(name = "COMPONENTS", jsonPath = ".status.components", type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "VALID", jsonPath = ".status.conditions[?(@.type==\"Valid\")].status", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "AGE", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
public class TestEnvironment extends CustomResource<TestEnvironmentSpec, TestEnvironmentStatus> implements Namespaced {
}
