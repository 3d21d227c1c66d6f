package dev.itf.operator.lifecycle;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the informers on labelled Jobs, Pods and Deployments of run namespaces have seen: a reconcile reads these
 * instead of asking the API server. The TestRun controller connects its informers here when it starts.
 */
@ApplicationScoped
public class RunCache {
    private volatile InformerEventSource<Job, ?> jobs;
    private volatile InformerEventSource<Pod, ?> pods;
    private volatile InformerEventSource<Deployment, ?> deployments;

    public void connect(InformerEventSource<Job, ?> jobs, InformerEventSource<Pod, ?> pods,
                        InformerEventSource<Deployment, ?> deployments) {
        this.jobs = jobs;
        this.pods = pods;
        this.deployments = deployments;
    }

    public Optional<Job> job(String namespace, String name) {
        return jobs.get(new ResourceID(name, namespace));
    }

    public Optional<Deployment> deployment(String namespace, String name) {
        return deployments.get(new ResourceID(name, namespace));
    }

    /** The pods of the namespace that carry the label with the value. */
    public List<Pod> pods(String namespace, String label, String value) {
        return pods.list(namespace, p -> p.getMetadata().getLabels() != null
                && value.equals(p.getMetadata().getLabels().get(label))).toList();
    }

    /** Tells the cache about an object this operator just created, so the next reconcile sees it before its watch event. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public void created(HasMetadata object) {
        InformerEventSource source = object instanceof Job ? jobs : object instanceof Deployment ? deployments : null;
        if (source != null) {
            source.handleRecentResourceCreate(ResourceID.fromResource(object), object);
        }
    }

    /** For the benchmark and tests: how many objects each informer holds. */
    public Map<String, Long> sizes() {
        return Map.of("jobs", jobs.keys().count(), "pods", pods.keys().count(), "deployments", deployments.keys().count());
    }
}
