package dev.itf.cli;

import dev.itf.api.TestEnvironment;
import dev.itf.api.TestRun;
import dev.itf.api.TestSchedule;
import dev.itf.api.TestSuite;
import dev.itf.json.Json;
import dev.itf.manifest.Manifest;
import dev.itf.manifest.ManifestException;
import dev.itf.manifest.Manifests;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code itf submit --apply}: creates or updates every object of the files in the namespace (an object's own
 * namespace wins), in file order, so a suite's Secrets can come before it. Only kinds and names are printed: a
 * Secret's data never is.
 */
final class ManifestApply {

    private static final Map<String, Class<? extends HasMetadata>> ITF_KINDS =
            Map.of("TestSuite", TestSuite.class, "TestEnvironment", TestEnvironment.class, "TestRun", TestRun.class,
                    "TestSchedule", TestSchedule.class);

    private final KubernetesClient client;
    private final String namespace;
    private final PrintWriter out;

    ManifestApply(KubernetesClient client, String namespace, PrintWriter out) {
        this.client = client;
        this.namespace = namespace;
        this.out = out;
    }

    void apply(List<Path> files) throws InputException {
        List<Manifest> manifests = new ArrayList<>();
        for (Path file : files) {
            try {
                manifests.addAll(Manifests.read(file));
            } catch (ManifestException e) {
                throw new InputException(e.getMessage());
            }
        }
        for (Manifest m : manifests) {
            HasMetadata object = object(m);
            String ns = object.getMetadata().getNamespace() == null ? namespace : object.getMetadata().getNamespace();
            object.getMetadata().setNamespace(ns);
            object.getMetadata().setResourceVersion(null);
            try {
                client.resource(object).inNamespace(ns).createOr(NonDeletingOperation::update);
            } catch (KubernetesClientException e) {
                String reason = e.getStatus() != null && e.getStatus().getMessage() != null ? e.getStatus().getMessage() : e.getMessage();
                throw new InputException(m.file() + ": " + m.kind() + " " + ns + "/" + m.name() + " could not be applied: " + reason);
            }
            out.println(m.kind().toLowerCase(java.util.Locale.ROOT) + "/" + m.name() + " applied in namespace " + ns);
        }
        out.flush();
    }

    private HasMetadata object(Manifest m) throws InputException {
        if (m.kind() == null || m.name() == null) {
            throw new InputException(m.file() + ": document " + (m.document() + 1) + " has no kind or metadata.name");
        }
        Class<? extends HasMetadata> itf = ITF_KINDS.get(m.kind());
        if (itf != null && m.isItf()) {
            var typed = m.as(itf);
            if (!typed.ok()) {
                throw new InputException(typed.problems().stream().map(m::format).toList());
            }
            return typed.resource();
        }
        try {
            Object parsed = client.getKubernetesSerialization().unmarshal(Json.MAPPER.writeValueAsString(m.node()));
            if (parsed instanceof HasMetadata object) {
                return object;
            }
        } catch (RuntimeException | com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new InputException(m.file() + ": " + m.kind() + " " + m.name() + " is not a Kubernetes object: " + e.getMessage());
        }
        throw new InputException(m.file() + ": " + m.kind() + " " + m.name() + " is not a Kubernetes object");
    }
}
