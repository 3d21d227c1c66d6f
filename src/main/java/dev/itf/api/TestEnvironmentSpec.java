package dev.itf.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.SchemaFrom;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.kubernetes.api.model.IntOrString;

import java.util.ArrayList;
import java.util.List;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class TestEnvironmentSpec {
    @Default("5m")
    @Pattern(Itf.DURATION_PATTERN)
    @JsonPropertyDescription("How long components may take to become ready before the run ends as Error.")
    public String provisioningTimeout;

    @JsonPropertyDescription("Isolation of the run namespace: NetworkPolicy and ResourceQuota.")
    public Isolation isolation;

    @JsonPropertyDescription("The components, started in dependsOn order; each becomes a Service of its name.")
    public List<Component> components = new ArrayList<>();

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class Isolation {
        @Default("true")
        @JsonPropertyDescription("Create a NetworkPolicy so that only the run's own pods and the operator may connect (default true).")
        public Boolean networkPolicy;

        @JsonPropertyDescription("A ResourceQuota for the run namespace.")
        public Quota resourceQuota;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class Quota {
        // a quantity: the schema accepts 4 as well as "4" or 500m
        @SchemaFrom(type = IntOrString.class)
        @JsonPropertyDescription("CPU limit of the whole namespace, e.g. \"4\".")
        public String cpu;
        @SchemaFrom(type = IntOrString.class)
        @JsonPropertyDescription("Memory limit of the whole namespace, e.g. 8Gi.")
        public String memory;
    }
}
