package dev.itf.operator.usage;

import dev.itf.api.TestRun;
import dev.itf.json.Json;
import dev.itf.operator.Events;
import dev.itf.results.LoadResources;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The resource usage of the components whose load steps have {@code resources} thresholds (SPEC §6): while such a
 * run is running, one shared timer reads, every interval, the kubelet's stats summary of each node that runs one of
 * their pods (through the API server's node proxy) and keeps, per component, the sum over its pods, in a bounded ring
 * in memory. Results that arrive are judged on these samples before they are stored; a finished run's samples go.
 */
@ApplicationScoped
public class ComponentUsage {
    private static final Logger LOG = Logger.getLogger(ComponentUsage.class);
    /** Samples kept per component: an hour at the default interval. */
    static final int KEPT = 720;

    private final KubernetesClient client;
    private final Events events;
    private final Clock clock;
    private final Duration interval;
    private final Map<String, Watched> runs = new ConcurrentHashMap<>();
    private ScheduledExecutorService timer;

    @Inject
    public ComponentUsage(KubernetesClient client, Events events, Clock clock,
                          @ConfigProperty(name = "itf.load.resources-interval", defaultValue = "5s") Duration interval) {
        this.client = client;
        this.events = events;
        this.clock = clock;
        this.interval = interval;
    }

    /** A run being sampled; its monitor guards the samples and reasons. */
    private static final class Watched {
        final TestRun run;
        final Set<String> components;
        final Function<String, List<Pod>> pods;
        final Map<String, ArrayDeque<LoadResources.Sample>> samples = new HashMap<>();
        final Map<String, String> unreadable = new HashMap<>();
        boolean warned;

        Watched(TestRun run, Set<String> components, Function<String, List<Pod>> pods) {
            this.run = run;
            this.components = components;
            this.pods = pods;
        }
    }

    /**
     * Samples the pods of the components of a running run from now until {@link #forget}; calling it again for the
     * same run changes nothing.
     *
     * @param pods the pods of a component in the run's namespace (from the informer cache)
     */
    public void watch(TestRun run, Set<String> components, Function<String, List<Pod>> pods) {
        if (components.isEmpty()) {
            return;
        }
        runs.computeIfAbsent(run.getMetadata().getUid(), uid -> new Watched(run, Set.copyOf(components), pods));
        start();
    }

    /** The run ended or is gone: its samples go. */
    public void forget(String uid) {
        runs.remove(uid);
    }

    public boolean watching(String uid) {
        return runs.containsKey(uid);
    }

    /** What was measured of the run's components; no sample at all when the run was not sampled. */
    public LoadResources.Usage usage(String uid) {
        Watched w = runs.get(uid);
        return new LoadResources.Usage() {
            @Override
            public List<LoadResources.Sample> samples(String component) {
                if (w == null) {
                    return List.of();
                }
                synchronized (w) {
                    ArrayDeque<LoadResources.Sample> ring = w.samples.get(component);
                    return ring == null ? List.of() : List.copyOf(ring);
                }
            }

            @Override
            public String unreadable(String component) {
                if (w == null) {
                    return null;
                }
                synchronized (w) {
                    return w.unreadable.get(component);
                }
            }
        };
    }

    /** One round over every sampled run: each node's summary is read once, whatever number of runs it serves. */
    public void sample() {
        Instant now = clock.instant();
        Map<String, NodeStats> nodes = new HashMap<>();
        for (Watched w : runs.values()) {
            for (String component : w.components) {
                sample(w, component, now, nodes);
            }
        }
    }

    private void sample(Watched w, String component, Instant now, Map<String, NodeStats> nodes) {
        List<Pod> pods = w.pods.apply(component).stream()
                .filter(p -> p.getSpec() != null && p.getSpec().getNodeName() != null)
                .filter(p -> p.getStatus() != null && "Running".equals(p.getStatus().getPhase())).toList();
        if (pods.isEmpty()) {
            return;
        }
        double cpu = 0;
        long memory = 0;
        boolean found = false;
        String error = null;
        for (Pod p : pods) {
            NodeStats stats = nodes.computeIfAbsent(p.getSpec().getNodeName(), this::read);
            if (stats.error() != null) {
                error = stats.error();
                continue;
            }
            KubeletSummary.PodUsage u = stats.pods().get(KubeletSummary.key(p.getMetadata().getNamespace(), p.getMetadata().getName()));
            if (u != null) {
                cpu += u.cpuCores();
                memory += u.memoryBytes();
                found = true;
            }
        }
        double limit = 0;
        String noLimit = null;
        for (Pod p : pods) {
            for (Container c : p.getSpec().getContainers()) {
                Quantity q = c.getResources() == null || c.getResources().getLimits() == null ? null : c.getResources().getLimits().get("cpu");
                if (q == null) {
                    noLimit = noLimit != null ? noLimit : "container " + c.getName() + " of pod " + p.getMetadata().getName() + " has no CPU limit";
                } else {
                    limit += Quantity.getAmountInBytes(q).doubleValue();
                }
            }
        }
        boolean warn;
        synchronized (w) {
            if (found) {
                ArrayDeque<LoadResources.Sample> ring = w.samples.computeIfAbsent(component, c -> new ArrayDeque<>());
                if (ring.size() >= KEPT) {
                    ring.removeFirst();
                }
                ring.addLast(new LoadResources.Sample(now, cpu, memory, noLimit == null ? limit : null, noLimit));
            }
            if (error != null) {
                w.unreadable.put(component, error);
            }
            warn = error != null && !w.warned;
            w.warned |= warn;
        }
        if (warn) {
            TestRun run = w.run;
            events.post(run, run.getMetadata().getName() + ".resourcesnotmeasured." + run.getMetadata().getUid().substring(0, 8),
                    "ResourcesNotMeasured", "resources thresholds of " + component + ": " + error, "Warning", now);
        }
    }

    /** A node's summary by pod, or why it could not be read. */
    private record NodeStats(Map<String, KubeletSummary.PodUsage> pods, String error) {
    }

    private NodeStats read(String node) {
        String why;
        String hint = "";
        try {
            String body = client.raw("/api/v1/nodes/" + node + "/proxy/stats/summary");
            if (body != null) {
                return new NodeStats(KubeletSummary.byPod(Json.MAPPER.readTree(body)), null);
            }
            why = "HTTP 404";
        } catch (KubernetesClientException e) {
            why = "HTTP " + e.getCode() + (e.getStatus() != null && e.getStatus().getMessage() != null ? ": " + e.getStatus().getMessage() : "");
            hint = e.getCode() == 403 ? "; the operator's ClusterRole needs get on nodes/proxy" : "";
        } catch (Exception e) {
            why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        }
        LOG.debugf("the stats summary of node %s could not be read: %s", node, why);
        return new NodeStats(Map.of(), "the kubelet's stats summary of node " + node + " could not be read through the API server ("
                + why + ")" + hint);
    }

    private synchronized void start() {
        if (timer != null) {
            return;
        }
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "itf-component-usage");
            t.setDaemon(true);
            return t;
        });
        long every = Math.max(100, interval.toMillis());
        timer.scheduleWithFixedDelay(this::sampleSafely, every, every, TimeUnit.MILLISECONDS);
    }

    private void sampleSafely() {
        try {
            sample();
        } catch (RuntimeException e) {
            // a failed round must not end the timer: the next round tries again
            LOG.warnf("sampling the resource usage of components failed: %s", e.getMessage());
        }
    }

    synchronized void stop(@Observes ShutdownEvent event) {
        if (timer != null) {
            timer.shutdownNow();
            timer = null;
        }
    }
}
