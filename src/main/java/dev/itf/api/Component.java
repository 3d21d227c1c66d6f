package dev.itf.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.crd.generator.annotation.PreserveUnknownFields;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ResourceRequirements;

import java.util.ArrayList;
import java.util.List;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class Component {
    @Required
    @Pattern(Itf.DNS1035_PATTERN)
    @JsonPropertyDescription("Unique name (DNS-1035); the component's Service gets this name.")
    public String name;

    @Required
    @JsonPropertyDescription("service, database, queue, cache or manifests.")
    public ComponentType type;

    @JsonPropertyDescription("database: postgres, mysql, mariadb; queue: rabbitmq, kafka, nats, mqtt; cache: redis.")
    @Pattern("^(postgres|mysql|mariadb|rabbitmq|kafka|nats|mqtt|redis)$")
    public String engine;

    @JsonPropertyDescription("Version of the preset image, e.g. \"16\".")
    public String version;

    @JsonPropertyDescription("Container image; required for service, overrides the preset image otherwise.")
    public String image;

    @JsonPropertyDescription("Container command (entrypoint) override.")
    public List<String> command;

    @JsonPropertyDescription("Container arguments.")
    public List<String> args = new ArrayList<>();

    @JsonPropertyDescription("Container environment (Kubernetes EnvVar; valueFrom allowed).")
    public List<EnvVar> env = new ArrayList<>();

    @JsonPropertyDescription("Ports the component serves; the first is the one its variables publish.")
    public List<ComponentPort> ports = new ArrayList<>();

    @JsonPropertyDescription("Readiness probe (Kubernetes Probe); default a TCP check of the first port.")
    public Probe readiness;

    @JsonPropertyDescription("Resource requests and limits (Kubernetes ResourceRequirements).")
    public ResourceRequirements resources;

    @Min(0)
    @Max(20)
    @JsonPropertyDescription("Number of replicas (service components; default 1).")
    public Integer replicas;

    @JsonPropertyDescription("Components that must be ready before this one starts.")
    public List<String> dependsOn = new ArrayList<>();

    @JsonPropertyDescription("database: the database to create (default test).")
    public String database;

    @JsonPropertyDescription("database: a ConfigMap whose *.sql entries run on first start.")
    public Init init;

    @PreserveUnknownFields
    @JsonPropertyDescription("manifests: namespaced Kubernetes objects applied as they are into the run namespace.")
    public List<JsonNode> manifests = new ArrayList<>();

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class Init {
        @Required
        @JsonPropertyDescription("ConfigMap, in the environment's namespace, whose *.sql entries run on first start.")
        public LocalObjectRef configMapRef;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class ComponentPort {
        @JsonPropertyDescription("Port name (DNS-1035).")
        @Pattern("^[a-z]([-a-z0-9]{0,13}[a-z0-9])?$")
        public String name;
        @Required
        @Min(1)
        @Max(65535)
        @JsonPropertyDescription("Port number the container listens on and the Service exposes.")
        public Integer port;

        public ComponentPort() {
        }

        public ComponentPort(String name, int port) {
            this.name = name;
            this.port = port;
        }
    }
}
