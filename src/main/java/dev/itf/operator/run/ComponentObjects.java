package dev.itf.operator.run;

import dev.itf.api.Component;
import dev.itf.api.ComponentType;
import dev.itf.api.TestRun;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.ContainerPortBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The objects of one service or preset component: a Deployment, a Service and, for presets, their Secret and ConfigMaps. */
public final class ComponentObjects {
    private ComponentObjects() {
    }

    /**
     * @param password the preset's per-run password (ignored when the engine has no credentials)
     * @param initScripts the *.sql entries of the component's init ConfigMap, or null
     */
    public static List<HasMetadata> build(TestRun run, Component c, String password, Map<String, String> initScripts) {
        if (c.type == ComponentType.MANIFESTS) {
            throw new IllegalArgumentException("manifests components are applied by ManifestObjects");
        }
        List<HasMetadata> out = new ArrayList<>();
        if (c.type == ComponentType.SERVICE) {
            out.add(deployment(run, c, serviceContainer(c), List.of(), c.replicas == null ? 1 : c.replicas));
            if (!c.ports.isEmpty()) {
                out.add(service(run, c.name, servicePorts(c)));
            }
            return out;
        }
        Preset p = Preset.of(c.engine);
        List<Volume> volumes = new ArrayList<>();
        List<VolumeMount> mounts = new ArrayList<>();
        if (p.credentials) {
            out.add(credentials(run, c.name, password));
        }
        if (p == Preset.MQTT) {
            out.add(configMap(run, RunNames.configConfigMap(c.name), Map.of("mosquitto.conf", Preset.MOSQUITTO_CONFIG)));
            volumes.add(configMapVolume("config", RunNames.configConfigMap(c.name)));
            mounts.add(new VolumeMountBuilder().withName("config").withMountPath("/mosquitto/config/mosquitto.conf")
                    .withSubPath("mosquitto.conf").build());
        }
        if (initScripts != null && p.initDir != null) {
            out.add(configMap(run, RunNames.initConfigMap(c.name), sqlOnly(initScripts)));
            volumes.add(configMapVolume("init", RunNames.initConfigMap(c.name)));
            mounts.add(new VolumeMountBuilder().withName("init").withMountPath(p.initDir).withReadOnly(true).build());
        }
        Container container = new ContainerBuilder()
                .withName(c.name)
                .withImage(p.image(c))
                .withArgs(c.args.isEmpty() ? p.args() : c.args)
                .withEnv(concat(p.env(c), c.env))
                .withPorts(new ContainerPortBuilder().withName(portName(null, p.port)).withContainerPort(p.port).build())
                .withReadinessProbe(c.readiness != null ? withPeriod(c.readiness) : p.readiness())
                .withResources(c.resources)
                .withVolumeMounts(mounts)
                .build();
        out.add(deployment(run, c, container, volumes, 1));
        out.add(service(run, c.name, List.of(new ServicePortBuilder().withName(portName(null, p.port))
                .withPort(p.port).withNewTargetPort(p.port).build())));
        return out;
    }

    public static Secret credentials(TestRun run, String component, String password) {
        return new SecretBuilder()
                .withNewMetadata().withName(RunNames.credentialsSecret(component)).withNamespace(RunNames.namespace(run))
                .withLabels(RunLabels.component(run, component)).endMetadata()
                .withType("Opaque")
                .withStringData(new TreeMap<>(Map.of("username", Preset.USERNAME, "password", password)))
                .build();
    }

    private static Container serviceContainer(Component c) {
        List<ContainerPort> ports = c.ports.stream()
                .map(p -> new ContainerPortBuilder().withName(portName(p.name, p.port)).withContainerPort(p.port).build())
                .toList();
        Probe readiness = c.readiness == null ? null : withPeriod(c.readiness);
        if (readiness == null && !c.ports.isEmpty()) {
            readiness = new ProbeBuilder().withNewTcpSocket().withNewPort(c.ports.get(0).port).endTcpSocket()
                    .withPeriodSeconds(2).build();
        }
        return new ContainerBuilder()
                .withName(c.name)
                .withImage(c.image)
                .withCommand(c.command)
                .withArgs(c.args)
                .withEnv(c.env)
                .withPorts(ports)
                .withReadinessProbe(readiness)
                .withResources(c.resources)
                .build();
    }

    /**
     * A readiness probe with a period: Kubernetes' default of 10 s would add up to 10 s to every component's start,
     * so a probe that leaves it out is looked at every 2 s like the operator's own probes.
     */
    static Probe withPeriod(Probe probe) {
        return probe.getPeriodSeconds() != null ? probe : new ProbeBuilder(probe).withPeriodSeconds(2).build();
    }

    private static Deployment deployment(TestRun run, Component c, Container container, List<Volume> volumes, int replicas) {
        return new DeploymentBuilder()
                .withNewMetadata().withName(c.name).withNamespace(RunNames.namespace(run))
                .withLabels(RunLabels.component(run, c.name)).endMetadata()
                .withNewSpec()
                .withReplicas(replicas)
                .withNewSelector().withMatchLabels(RunLabels.componentSelector(c.name)).endSelector()
                .withNewStrategy().withType("Recreate").endStrategy()
                .withNewTemplate()
                .withNewMetadata().withLabels(RunLabels.component(run, c.name)).endMetadata()
                .withNewSpec()
                .withContainers(container)
                .withVolumes(volumes)
                .withEnableServiceLinks(false)
                .endSpec()
                .endTemplate()
                .endSpec()
                .build();
    }

    private static Service service(TestRun run, String name, List<ServicePort> ports) {
        return new ServiceBuilder()
                .withNewMetadata().withName(name).withNamespace(RunNames.namespace(run))
                .withLabels(RunLabels.component(run, name)).endMetadata()
                .withNewSpec()
                .withSelector(RunLabels.componentSelector(name))
                .withPorts(ports)
                .endSpec()
                .build();
    }

    private static List<ServicePort> servicePorts(Component c) {
        return c.ports.stream()
                .map(p -> new ServicePortBuilder().withName(portName(p.name, p.port)).withPort(p.port)
                        .withNewTargetPort(p.port).build())
                .toList();
    }

    private static ConfigMap configMap(TestRun run, String name, Map<String, String> data) {
        return new ConfigMapBuilder()
                .withNewMetadata().withName(name).withNamespace(RunNames.namespace(run))
                .withLabels(RunLabels.of(run)).endMetadata()
                .withData(new TreeMap<>(data))
                .build();
    }

    private static Volume configMapVolume(String name, String configMap) {
        return new VolumeBuilder().withName(name).withNewConfigMap().withName(configMap).endConfigMap().build();
    }

    private static Map<String, String> sqlOnly(Map<String, String> data) {
        Map<String, String> sql = new LinkedHashMap<>();
        data.forEach((k, v) -> {
            if (k.endsWith(".sql")) {
                sql.put(k, v);
            }
        });
        return sql;
    }

    private static String portName(String name, int port) {
        return name != null ? name : "p" + port;
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
