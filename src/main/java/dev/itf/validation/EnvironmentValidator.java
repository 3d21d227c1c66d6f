package dev.itf.validation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.itf.api.Component;
import dev.itf.api.ComponentType;
import dev.itf.api.TestEnvironment;
import dev.itf.api.TestEnvironmentSpec;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Quantity;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Checks a TestEnvironment: its schema, unique component names, presets, and dependsOn (names exist, no cycle). */
public final class EnvironmentValidator {

    private static final Pattern DNS1035 = Pattern.compile(dev.itf.api.Itf.DNS1035_PATTERN);
    private static final Map<ComponentType, List<String>> ENGINES = Map.of(
            ComponentType.DATABASE, List.of("postgres", "mysql", "mariadb"),
            ComponentType.QUEUE, List.of("rabbitmq", "kafka", "nats", "mqtt"),
            ComponentType.CACHE, List.of("redis"));
    /** Reason of a manifest whose kind is cluster-scoped: applying it would reach outside the run namespace. */
    public static final String CLUSTER_SCOPED_OBJECT = "ClusterScopedObject";
    /** Reason of a manifest that names a namespace: every object goes into the run namespace. */
    public static final String FOREIGN_NAMESPACE = "ForeignNamespace";

    private EnvironmentValidator() {
    }

    /** Problems of the environment on its own, with the built-in list of cluster-scoped kinds; empty when it is valid. */
    public static List<Problem> validate(TestEnvironment environment) {
        return validate(environment, KindScope.BUILT_IN);
    }

    /** Problems of the environment on its own; {@code scopes} tells which kinds of manifests are cluster-scoped. */
    public static List<Problem> validate(TestEnvironment environment, KindScope scopes) {
        ProblemList problems = new ProblemList();
        problems.metadata(environment);
        if (problems.required("spec", environment.getSpec())) {
            problems.addAll(validateSpec(environment.getSpec(), scopes));
        }
        return problems.toList();
    }

    /** Problems of an environment spec; paths start with {@code spec.}. */
    public static List<Problem> validateSpec(TestEnvironmentSpec spec, KindScope scopes) {
        ProblemList problems = new ProblemList();
        problems.duration("spec.provisioningTimeout", spec.provisioningTimeout);
        if (spec.isolation != null && spec.isolation.resourceQuota != null) {
            quantity(problems, "spec.isolation.resourceQuota.cpu", spec.isolation.resourceQuota.cpu);
            quantity(problems, "spec.isolation.resourceQuota.memory", spec.isolation.resourceQuota.memory);
        }
        List<Component> components = spec.components == null ? List.of() : spec.components;
        Map<String, Integer> names = new LinkedHashMap<>();
        for (int i = 0; i < components.size(); i++) {
            Component c = components.get(i);
            String path = "spec.components[" + i + "]";
            if (c == null) {
                problems.add(path, "is empty; set name and type");
                continue;
            }
            if (c.name != null) {
                Integer first = names.putIfAbsent(c.name, i);
                if (first != null) {
                    problems.add(path + ".name", "duplicate component name \"" + c.name + "\" (also spec.components[" + first + "].name)");
                }
            }
            component(problems, path, c, scopes);
        }
        dependencies(problems, components, names);
        return problems.toList();
    }

    /** The Secrets and ConfigMaps the environment names: init ConfigMaps and env valueFrom references. */
    public static List<Reference> references(TestEnvironmentSpec spec) {
        List<Reference> refs = new ArrayList<>();
        List<Component> components = spec.components == null ? List.of() : spec.components;
        for (int i = 0; i < components.size(); i++) {
            Component c = components.get(i);
            if (c == null) {
                continue;
            }
            String path = "spec.components[" + i + "]";
            if (c.init != null && c.init.configMapRef != null) {
                refs.add(Reference.configMap(path + ".init.configMapRef", c.init.configMapRef.name, null));
            }
            for (int j = 0; c.env != null && j < c.env.size(); j++) {
                EnvVar e = c.env.get(j);
                if (e == null || e.getValueFrom() == null) {
                    continue;
                }
                String from = path + ".env[" + j + "].valueFrom";
                var s = e.getValueFrom().getSecretKeyRef();
                if (s != null && !Boolean.TRUE.equals(s.getOptional())) {
                    refs.add(Reference.secret(from + ".secretKeyRef", s.getName(), s.getKey()));
                }
                var m = e.getValueFrom().getConfigMapKeyRef();
                if (m != null && !Boolean.TRUE.equals(m.getOptional())) {
                    refs.add(Reference.configMap(from + ".configMapKeyRef", m.getName(), m.getKey()));
                }
            }
        }
        return refs;
    }

    private static void component(ProblemList problems, String path, Component c, KindScope scopes) {
        if (problems.required(path + ".name", c.name) && !DNS1035.matcher(c.name).matches()) {
            problems.add(path + ".name", "\"" + c.name + "\" is not a valid component name (DNS-1035): lower case letters, digits and '-', starting with a letter, at most 63 characters");
        }
        if (!problems.required(path + ".type", c.type)) {
            return;
        }
        List<String> engines = ENGINES.get(c.type);
        switch (c.type) {
            case SERVICE -> {
                problems.required(path + ".image", c.image);
                if (c.ports == null || c.ports.isEmpty()) {
                    problems.add(path + ".ports", "is required: a service needs at least one port, e.g. [{name: http, port: 8080}]");
                }
                if (c.engine != null) {
                    problems.add(path + ".engine", "applies to database, queue and cache components, not to a service");
                }
            }
            case MANIFESTS -> {
                if (c.manifests == null || c.manifests.isEmpty()) {
                    problems.add(path + ".manifests", "is required: a manifests component needs at least one object");
                }
                for (String field : List.of("engine", "image")) {
                    if ((field.equals("engine") ? c.engine : c.image) != null) {
                        problems.add(path + "." + field, "does not apply to a manifests component");
                    }
                }
            }
            default -> {
                if (problems.required(path + ".engine", c.engine) && !engines.contains(c.engine)) {
                    problems.add(path + ".engine", "\"" + c.engine + "\" is not an engine of a " + c.type.name().toLowerCase()
                            + "; use one of " + String.join(", ", engines));
                }
            }
        }
        if (c.type != ComponentType.MANIFESTS && c.manifests != null && !c.manifests.isEmpty()) {
            problems.add(path + ".manifests", "applies to manifests components only");
        }
        if (c.type != ComponentType.DATABASE) {
            if (c.init != null) {
                problems.add(path + ".init", "applies to database components only");
            }
            if (c.database != null) {
                problems.add(path + ".database", "applies to database components only");
            }
        } else if (c.init != null) {
            if (c.init.configMapRef == null) {
                problems.add(path + ".init.configMapRef", "is required");
            } else {
                problems.objectName(path + ".init.configMapRef.name", c.init.configMapRef.name);
            }
        }
        problems.range(path + ".replicas", c.replicas, 0, 20);
        ports(problems, path, c);
        env(problems, path, c.env);
        for (int k = 0; c.manifests != null && k < c.manifests.size(); k++) {
            manifest(problems, path + ".manifests[" + k + "]", c.manifests.get(k), scopes);
        }
    }

    private static void ports(ProblemList problems, String path, Component c) {
        Set<String> portNames = new HashSet<>();
        for (int k = 0; c.ports != null && k < c.ports.size(); k++) {
            Component.ComponentPort p = c.ports.get(k);
            String pp = path + ".ports[" + k + "]";
            if (p == null) {
                problems.add(pp, "is empty; set port");
                continue;
            }
            if (problems.required(pp + ".port", p.port)) {
                problems.range(pp + ".port", p.port, 1, 65535);
            }
            if (p.name != null) {
                if (!p.name.matches("^[a-z]([-a-z0-9]{0,13}[a-z0-9])?$")) {
                    problems.add(pp + ".name", "\"" + p.name + "\" is not a valid port name: at most 15 lower case letters, digits and '-', starting with a letter");
                } else if (!portNames.add(p.name)) {
                    problems.add(pp + ".name", "duplicate port name \"" + p.name + "\"");
                }
            }
        }
    }

    private static void env(ProblemList problems, String path, List<EnvVar> env) {
        for (int k = 0; env != null && k < env.size(); k++) {
            EnvVar e = env.get(k);
            String ep = path + ".env[" + k + "]";
            if (e == null) {
                problems.add(ep, "is empty; set name and value");
                continue;
            }
            problems.required(ep + ".name", e.getName());
            if (e.getValue() != null && e.getValueFrom() != null) {
                problems.add(ep, "set value or valueFrom, not both");
            }
        }
    }

    private static void manifest(ProblemList problems, String path, JsonNode m, KindScope scopes) {
        if (m == null || !m.isObject()) {
            problems.add(path, "must be a Kubernetes object (apiVersion, kind, metadata)");
            return;
        }
        String apiVersion = text(m.get("apiVersion"));
        problems.required(path + ".apiVersion", apiVersion);
        String kind = text(m.get("kind"));
        if (problems.required(path + ".kind", kind) && apiVersion != null && scopes.clusterScoped(apiVersion, kind)) {
            problems.add(new Problem(path + ".kind", kind + " (" + apiVersion + ") is cluster-scoped; a manifests component "
                    + "holds namespaced objects only, applied into the run namespace", CLUSTER_SCOPED_OBJECT));
        }
        problems.objectName(path + ".metadata.name", text(m.path("metadata").get("name")));
        String namespace = text(m.path("metadata").get("namespace"));
        if (namespace != null && !namespace.isEmpty()) {
            problems.add(new Problem(path + ".metadata.namespace", "names namespace \"" + namespace + "\"; remove it: "
                    + "every object is applied into the run's own namespace", FOREIGN_NAMESPACE));
        }
    }

    private static String text(JsonNode n) {
        return n == null || n.isNull() ? null : n.asText();
    }

    private static void quantity(ProblemList problems, String path, String value) {
        if (value == null) {
            return;
        }
        try {
            Quantity.getAmountInBytes(new Quantity(value));
        } catch (RuntimeException e) {
            problems.add(path, "\"" + value + "\" is not a Kubernetes quantity such as 500m, 4 or 8Gi");
        }
    }

    /** dependsOn names must exist and not lead back to the component: the message names the cycle. */
    private static void dependencies(ProblemList problems, List<Component> components, Map<String, Integer> index) {
        Map<String, List<String>> graph = new HashMap<>();
        for (int i = 0; i < components.size(); i++) {
            Component c = components.get(i);
            if (c == null || c.name == null || c.dependsOn == null) {
                continue;
            }
            List<String> edges = new ArrayList<>();
            for (int k = 0; k < c.dependsOn.size(); k++) {
                String dep = c.dependsOn.get(k);
                String path = "spec.components[" + i + "].dependsOn[" + k + "]";
                if (dep == null || !index.containsKey(dep)) {
                    problems.add(path, "component \"" + dep + "\" is not defined in spec.components");
                } else if (dep.equals(c.name)) {
                    problems.add(path, "component \"" + dep + "\" depends on itself");
                } else {
                    edges.add(dep);
                }
            }
            graph.putIfAbsent(c.name, edges);
        }
        Set<String> done = new HashSet<>();
        Set<String> reported = new HashSet<>();
        for (String start : index.keySet()) {
            List<String> cycle = cycleFrom(start, graph, new ArrayList<>(), done);
            if (cycle != null && reported.add(String.join(",", cycle.stream().sorted().toList()))) {
                String first = cycle.get(0);
                problems.add("spec.components[" + index.get(first) + "].dependsOn",
                        "dependsOn forms a cycle: " + String.join(" -> ", cycle) + " -> " + first);
            }
        }
    }

    private static List<String> cycleFrom(String node, Map<String, List<String>> graph, List<String> stack, Set<String> done) {
        int at = stack.indexOf(node);
        if (at >= 0) {
            return new ArrayList<>(stack.subList(at, stack.size()));
        }
        if (done.contains(node)) {
            return null;
        }
        stack.add(node);
        for (String next : graph.getOrDefault(node, List.of())) {
            List<String> cycle = cycleFrom(next, graph, stack, done);
            if (cycle != null) {
                stack.remove(stack.size() - 1);
                return cycle;
            }
        }
        stack.remove(stack.size() - 1);
        done.add(node);
        return null;
    }
}
