import dev.itf.api.LocalObjectRef;
import dev.itf.api.TestRun;
import dev.itf.api.TestRunSpec;
import dev.itf.api.TestSuite;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.fabric8.mockwebserver.crud.Attribute;
import io.fabric8.mockwebserver.crud.AttributeSet;
import io.fabric8.mockwebserver.crud.CrudDispatcher;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * The operator at scale against the fabric8 mock API server (CRUD mode, no controllers: this program plays the Job
 * controller). Starts the operator jar given as the first argument, pointed at the mock server, and measures:
 * create-to-Job latency of 100 runs created at once, API requests per run per minute while runs idle, results
 * ingestion and how soon status follows, and the operator's RSS with 1,000 finished runs kept.
 * Every wait is bounded; the program stops the operator and the server when done.
 */
public class OperatorBench {
    static final String NS = "bench";
    static final Map<String, AtomicLong> requests = new ConcurrentHashMap<>();
    static final AtomicLong total = new AtomicLong();
    /** Results the operator accepted per run, which its status must count. */
    static final Map<String, AtomicLong> accepted = new ConcurrentHashMap<>();
    /** The mock server logs every request at INFO, which would cost more than the requests themselves; held so the level stays. */
    static final java.util.logging.Logger MOCK_LOG = java.util.logging.Logger.getLogger("io.fabric8.mockwebserver");

    public static void main(String[] args) throws Exception {
        Path jar = Path.of(args[0]);
        MOCK_LOG.setLevel(java.util.logging.Level.WARNING);
        int idleSeconds = args.length > 1 ? Integer.parseInt(args[1]) : 90;
        Map<ServerRequest, Queue<ServerResponse>> responses = new HashMap<>();
        IndexedCrudDispatcher crud = new IndexedCrudDispatcher();
        KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), responses,
                new Dispatcher() {
                    @Override
                    public MockResponse dispatch(RecordedRequest request) {
                        boolean watch = request.getPath().contains("watch=true");
                        String path = request.getPath().replaceAll("\\?.*", "").replaceAll("/namespaces/[^/]+", "/namespaces/*")
                                .replaceAll("/(testruns|jobs|pods|secrets|configmaps|deployments|networkpolicies|events|namespaces|services)/[^/]+", "/$1/*");
                        requests.computeIfAbsent(request.getMethod() + (watch ? " WATCH " : " ") + path, k -> new AtomicLong()).incrementAndGet();
                        if (!watch) {
                            total.incrementAndGet();
                        }
                        return crud.dispatch(request);
                    }
                }, false);
        server.init(InetAddress.getByName("127.0.0.1"), 0);
        KubernetesClient client = server.createClient();
        // the mock server serves a custom resource once its CRD exists, as a real API server does
        for (String kind : List.of("testsuites", "testenvironments", "testruns")) {
            client.apiextensions().v1().customResourceDefinitions()
                    .load(Path.of("crds/" + kind + ".itf.dev.yaml").toFile()).create();
        }
        int http = freePort();
        Path results = Files.createTempDirectory("itf-bench-results");
        // the operator runs as the chart runs it: its JVM options and malloc arenas, and -XX:MaxRAM for the container's
        // memory limit (which the heap is a percentage of). OPERATOR_HEAP sets a heap limit (-Xmx) instead;
        // OPERATOR_JAVA_OPTS adds JVM options (say -XX:NativeMemoryTracking=summary, reported with the RSS)
        Map<String, String> chart = chartOperatorSettings();
        List<String> command = new ArrayList<>(List.of("java", "-XX:MaxRAM=" + chart.get("memoryLimit")));
        String heap = System.getenv("OPERATOR_HEAP");
        if (heap != null) {
            command.add("-Xmx" + heap);
        }
        String extra = System.getenv().getOrDefault("OPERATOR_JAVA_OPTS", "").trim();
        if (!extra.isEmpty()) {
            command.addAll(List.of(extra.split("\\s+")));
        }
        command.addAll(List.of("-Dquarkus.profile=bench", "-Dquarkus.http.port=" + http, "-jar", jar.toString()));
        System.out.println("operator: JDK_JAVA_OPTIONS=\"" + chart.get("javaOptions") + "\" MALLOC_ARENA_MAX=" + chart.get("mallocArenaMax")
                + " " + String.join(" ", command));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().put("QUARKUS_KUBERNETES_CLIENT_API_SERVER_URL", server.url("/"));
        pb.environment().put("QUARKUS_KUBERNETES_CLIENT_NAMESPACE", NS);
        pb.environment().put("ITF_RESULTS_DIR", results.toString());
        pb.environment().put("ITF_OPERATOR_URL", "http://127.0.0.1:" + http);
        pb.environment().put("ITF_RUNNER_IMAGE", "itf:bench");
        pb.environment().put("QUARKUS_LOG_LEVEL", "WARN");
        pb.environment().put("JDK_JAVA_OPTIONS", chart.get("javaOptions"));
        pb.environment().put("MALLOC_ARENA_MAX", chart.get("mallocArenaMax"));
        pb.redirectErrorStream(true).redirectOutput(Path.of("target/bench-operator.log").toFile());
        Process operator = pb.start();
        Runtime.getRuntime().addShutdownHook(new Thread(operator::destroy));  // an interrupted bench leaves no operator behind
        int status = 1;
        try {
            run(client, operator, http, idleSeconds);
            status = 0;
        } catch (Exception e) {
            e.printStackTrace();
        } finally {
            operator.destroy();
            operator.waitFor();
            client.close();
            server.destroy();
            System.exit(status);  // the mock server's and informers' threads would keep this JVM alive
        }
    }

    /** PHASES: which of jobs, idle, ingest, rss to run (default all); rss alone creates its first 600 runs 100 at a time. */
    static final List<String> PHASES = List.of(System.getenv().getOrDefault("PHASES", "jobs,idle,ingest,rss").split(","));

    static void run(KubernetesClient client, Process operator, int http, int idleSeconds) throws Exception {
        HttpClient web = HttpClient.newHttpClient();
        waitFor("the operator to be ready", Duration.ofSeconds(120), () -> status(web, "http://127.0.0.1:" + http + "/q/health/ready") == 200);
        client.resources(TestSuite.class).inNamespace(NS).resource(Serialization.unmarshal("""
                apiVersion: itf.dev/v1alpha1
                kind: TestSuite
                metadata: {name: bench, namespace: bench}
                spec:
                  cases:
                    - id: API_001
                      title: one request
                      steps:
                        - http: {method: GET, url: "http://127.0.0.1:1/"}
                          expect: {status: 200}
                """, TestSuite.class)).create();
        Map<String, Long> created = new ConcurrentHashMap<>();
        Map<String, Long> jobSeen = new ConcurrentHashMap<>();
        Map<String, Job> jobs = new ConcurrentHashMap<>();
        client.batch().v1().jobs().inAnyNamespace().inform(new ResourceEventHandler<>() {
            public void onAdd(Job job) {
                String run = job.getMetadata().getLabels().get("itf.dev/run");
                jobSeen.putIfAbsent(run, System.nanoTime());
                jobs.put(run, job);
            }

            public void onUpdate(Job a, Job b) {
            }

            public void onDelete(Job job, boolean unknown) {
            }
        });

        // 1. 100 TestRuns at once, twice: the first batch meets a JVM that has just started, the second a warmed-up one
        List<String> first = names("r", 0, 100);
        List<String> all = names("r", 0, 600);
        Map<String, String> tokens = new HashMap<>();
        if (PHASES.contains("jobs") || PHASES.contains("idle") || PHASES.contains("ingest")) {
            atOnce(client, operator, first, created, jobSeen, "100 runs at once, the first after the operator started");
            atOnce(client, operator, names("r", 100, 200), created, jobSeen, "100 runs at once, the operator warmed up by the first 100");

            // 2. API requests while runs idle in Running, with 200 and then 600 runs
            if (PHASES.contains("idle")) {
                idle(client, names("r", 0, 200), idleSeconds);
            }
            atOnce(client, operator, names("r", 200, 600), created, jobSeen, "400 runs at once");
            if (PHASES.contains("idle")) {
                idle(client, all, idleSeconds);
            }

            // 3. results ingestion into 100 running runs, single results and batches of 100
            for (String run : all) {
                tokens.put(run, token(client, jobs.get(run)));
            }
            if (PHASES.contains("ingest")) {
                int perRun = 200;
                ingest(client, web, http, first, tokens, perRun, 1, "S");
                ingest(client, web, http, first, tokens, perRun, 100, "B");
            }
        } else if (PHASES.contains("rss")) {
            for (int i = 0; i < 600; i += 100) {
                atOnce(client, operator, names("r", i, i + 100), created, jobSeen, "100 runs at once (for the RSS phase)");
            }
            for (String run : all) {
                tokens.put(run, token(client, jobs.get(run)));
            }
        }
        if (!PHASES.contains("rss")) {
            return;
        }

        // 4. 1,000 finished runs kept: create 400 more, then finish all 1,000
        List<String> last = names("r", 600, 1000);
        atOnce(client, operator, last, created, jobSeen, "400 runs at once, 600 running");
        List<String> thousand = new ArrayList<>(all);
        thousand.addAll(last);
        for (String run : last) {
            tokens.put(run, token(client, jobs.get(run)));
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> done = new ArrayList<>();
        for (String run : thousand) {
            done.add(pool.submit(() -> {
                post(web, http, run, tokens.get(run), "{\"caseId\":\"API_001\",\"attempt\":1,\"outcome\":\"passed\"}");
                Job job = client.batch().v1().jobs().inNamespace(jobs.get(run).getMetadata().getNamespace()).withName("itf-runner-0").get();
                job.setStatus(new JobStatusBuilder().withSucceeded(1).withConditions(new JobConditionBuilder()
                        .withType("Complete").withStatus("True").build()).build());
                client.batch().v1().jobs().inNamespace(job.getMetadata().getNamespace()).resource(job).updateStatus();
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
        waitFor("1000 finished runs", Duration.ofMinutes(10), () -> client.resources(TestRun.class).inNamespace(NS).list().getItems().stream()
                .filter(r -> r.getStatus() != null && r.getStatus().completionTime != null).count() == 1000);
        Thread.sleep(15_000); // settle: the finished runs' clean-up and resyncs
        System.out.printf("operator RSS with 1,000 finished runs kept: %d MiB (the chart's JVM options, memory limit %s%s); load average %s%n",
                rssKib(operator.pid()) / 1024, chartOperatorSettings().get("memoryLimit"),
                System.getenv("OPERATOR_HEAP") == null ? "" : ", -Xmx" + System.getenv("OPERATOR_HEAP"), loadAverage());
        memoryReport(operator.pid());
        long before = total.get();
        Thread.sleep(idleSeconds * 1000L);
        System.out.printf("API requests per minute with 1,000 finished runs: %.1f%n", (total.get() - before) * 60.0 / idleSeconds);
    }

    /** Creates the runs at once and reports the time from each create to its Job, the CPU spent and the requests sent meanwhile. */
    static void atOnce(KubernetesClient client, Process operator, List<String> runs, Map<String, Long> created,
                       Map<String, Long> jobSeen, String what) throws Exception {
        Map<String, Long> before = snapshot();
        double cpu0 = cpuSeconds(operator.pid()), own0 = cpuSeconds(ProcessHandle.current().pid());
        long wall0 = System.nanoTime();
        createAll(client, runs, created);
        waitFor(runs.size() + " Jobs", Duration.ofMinutes(10), () -> runs.stream().allMatch(jobSeen::containsKey));
        List<Double> latencies = runs.stream().filter(jobSeen::containsKey).map(n -> (jobSeen.get(n) - created.get(n)) / 1e6).sorted().toList();
        System.out.printf("create-to-Job, %s: p50 %.0f ms, p95 %.0f ms, max %.0f ms%n", what,
                pct(latencies, 50), pct(latencies, 95), latencies.get(latencies.size() - 1));
        System.out.printf("    meanwhile (%.1f s): CPU of the operator %.1f s, of this program and the mock server %.1f s; load average %s%n",
                (System.nanoTime() - wall0) / 1e9, cpuSeconds(operator.pid()) - cpu0, cpuSeconds(ProcessHandle.current().pid()) - own0,
                loadAverage());
        printDelta(before, "    requests from the first create to the last Job (this program's creates included):");
    }

    static void idle(KubernetesClient client, List<String> runs, int seconds) throws Exception {
        waitFor(runs.size() + " runs Running", Duration.ofMinutes(5), () -> client.resources(TestRun.class).inNamespace(NS).list().getItems().stream()
                .filter(r -> runs.contains(r.getMetadata().getName()))
                .filter(r -> r.getStatus() != null && r.getStatus().phase != null && r.getStatus().phase.name().equals("Running")).count() == runs.size());
        Thread.sleep(3000);
        Map<String, Long> start = snapshot();
        long before = total.get();
        Thread.sleep(seconds * 1000L);
        long count = total.get() - before;
        System.out.printf("idle, %d runs Running: %d API requests in %d s = %.2f per run per minute%n", runs.size(), count, seconds,
                count * 60.0 / seconds / runs.size());
        printDelta(start, null);
    }

    static void printDelta(Map<String, Long> start, String title) {
        if (title != null) {
            System.out.println(title);
        }
        new java.util.TreeMap<>(snapshot()).forEach((k, v) -> {
            long d = v - start.getOrDefault(k, 0L);
            if (d > 0 && !k.contains("WATCH")) {
                System.out.printf("    %6d %s%n", d, k);
            }
        });
    }

    static void ingest(KubernetesClient client, HttpClient web, int http, List<String> runs, Map<String, String> tokens,
                       int perRun, int batch, String prefix) throws Exception {
        List<String> bodies = new ArrayList<>();
        List<String> targets = new ArrayList<>();
        for (String run : runs) {
            for (int i = 0; i < perRun; i += batch) {
                StringBuilder b = new StringBuilder(batch > 1 ? "[" : "");
                for (int j = i; j < Math.min(perRun, i + batch); j++) {
                    b.append(j > i ? "," : "").append("{\"caseId\":\"").append(prefix).append(String.format("%04d", j))
                            .append("\",\"attempt\":1,\"outcome\":\"passed\",\"durationMs\":12,\"shard\":0,\"steps\":[{\"name\":\"GET /\",\"type\":\"http\",\"outcome\":\"passed\",\"durationMs\":11}]}");
                }
                bodies.add(b.append(batch > 1 ? "]" : "").toString());
                targets.add(run);
            }
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        AtomicLong refused = new AtomicLong();
        AtomicLong sent = new AtomicLong();
        long t0 = System.nanoTime();
        long stop = t0 + Duration.ofMinutes(2).toNanos();  // a slow operator is measured on what it took in two minutes
        List<Future<?>> futures = new ArrayList<>();
        for (int i = 0; i < bodies.size(); i++) {
            int k = i;
            futures.add(pool.submit(() -> {
                if (System.nanoTime() > stop) {
                    return null;
                }
                int code = post(web, http, targets.get(k), tokens.get(targets.get(k)), bodies.get(k));
                if (code != 200) {
                    refused.incrementAndGet();
                } else {
                    accepted.computeIfAbsent(targets.get(k), r -> new AtomicLong()).addAndGet(batch);
                }
                sent.incrementAndGet();
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        pool.shutdown();
        if (refused.get() > 0) {
            System.out.printf("ingestion, batches of %d: %d of %d requests refused (not supported)%n", batch, refused.get(), sent.get());
            return;
        }
        long n = sent.get() * batch;
        System.out.printf("ingestion, %s: %d results in %.1f s = %.0f results/s (8 concurrent senders)%s%n",
                batch == 1 ? "one result per POST" : "batches of " + batch, n, seconds, n / seconds,
                sent.get() < bodies.size() ? " (stopped after two minutes, " + sent.get() + " of " + bodies.size() + " requests sent)" : "");
        if (sent.get() < bodies.size()) {
            return;
        }
        long t1 = System.nanoTime();
        boolean current = waitFor("status to count every result", Duration.ofMinutes(3), () -> client.resources(TestRun.class).inNamespace(NS)
                .list().getItems().stream().filter(r -> runs.contains(r.getMetadata().getName()))
                .allMatch(r -> r.getStatus() != null && r.getStatus().summary != null
                        && r.getStatus().summary.passed >= accepted.getOrDefault(r.getMetadata().getName(), new AtomicLong()).get()));
        System.out.printf("    status of all %d runs counts every result %.1f s after the last POST%s%n", runs.size(),
                (System.nanoTime() - t1) / 1e9, current ? "" : " (not within 3 minutes)");
    }

    /** The run's token from its Secret: in data, or in stringData as the operator wrote it (the mock server keeps it there). */
    static String token(KubernetesClient client, Job job) {
        Secret s = client.secrets().inNamespace(job.getMetadata().getNamespace()).withName("itf-run-token").get();
        if (s.getData() != null && s.getData().get("token") != null) {
            return new String(Base64.getDecoder().decode(s.getData().get("token")), StandardCharsets.UTF_8);
        }
        return s.getStringData().get("token");
    }

    static int post(HttpClient web, int http, String run, String token, String body) throws Exception {
        HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + http + "/api/v1/results/" + NS + "/" + run))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(60)).POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return web.send(req, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    static void createAll(KubernetesClient client, List<String> names, Map<String, Long> created) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(16);
        List<Future<?>> futures = new ArrayList<>();
        for (String name : names) {
            futures.add(pool.submit(() -> {
                TestRun r = new TestRun();
                r.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(NS).build());
                r.setSpec(new TestRunSpec());
                r.getSpec().suiteRef = new LocalObjectRef("bench");
                r.getSpec().timeout = "2h";
                r.getSpec().cleanup = new TestRunSpec.Cleanup();
                r.getSpec().cleanup.namespace = TestRunSpec.CleanupPolicy.Never;
                created.put(name, System.nanoTime());
                client.resources(TestRun.class).inNamespace(NS).resource(r).create();
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();
    }

    static Map<String, Long> snapshot() {
        Map<String, Long> out = new HashMap<>();
        requests.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }

    static List<String> names(String prefix, int from, int to) {
        List<String> out = new ArrayList<>();
        for (int i = from; i < to; i++) {
            out.add(prefix + String.format("%04d", i));
        }
        return out;
    }

    static double pct(List<Double> sorted, int p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }

    static boolean waitFor(String what, Duration atMost, BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + atMost.toNanos();
        while (System.nanoTime() < end) {
            try {
                if (condition.getAsBoolean()) {
                    return true;
                }
            } catch (RuntimeException e) {
                // not there yet
            }
            Thread.sleep(100);
        }
        System.out.println("gave up waiting for " + what + " after " + atMost.toSeconds() + " s");
        return false;
    }

    static int status(HttpClient web, String url) {
        try {
            return web.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (Exception e) {
            return 0;
        }
    }

    /** User and system CPU time of a process, from /proc (clock ticks of 10 ms). */
    static double cpuSeconds(long pid) throws Exception {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0;
    }

    static String loadAverage() throws Exception {
        return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    }

    static long rssKib(long pid) throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }

    /** The operator's JVM options, malloc arenas and memory limit (as -XX:MaxRAM takes it) from the chart's defaults. */
    @SuppressWarnings("unchecked")
    static Map<String, String> chartOperatorSettings() throws Exception {
        Map<String, Object> values = new com.fasterxml.jackson.databind.ObjectMapper(new com.fasterxml.jackson.dataformat.yaml.YAMLFactory())
                .readValue(Path.of("helm/itf/values.yaml").toFile(), Map.class);
        Map<String, Object> operator = (Map<String, Object>) values.get("operator");
        Map<String, Object> limits = (Map<String, Object>) ((Map<String, Object>) values.get("resources")).get("limits");
        String limit = limits.get("memory").toString();
        return Map.of("javaOptions", operator.get("javaOptions").toString().trim(),
                "mallocArenaMax", operator.get("mallocArenaMax").toString(),
                "memoryLimit", limit.replaceAll("([0-9]+)([KMG])i$", "$1$2").toLowerCase());
    }

    /**
     * Where the operator's memory goes, into target/bench-operator-memory.txt: the kernel's view (smaps_rollup, and the
     * anonymous mappings by size, where malloc arenas show as 64 MiB regions), the heap after a full collection, and the
     * JVM's native memory summary when the operator runs with -XX:NativeMemoryTracking.
     */
    static void memoryReport(long pid) throws Exception {
        StringBuilder out = new StringBuilder("RSS before the full GC: " + rssKib(pid) / 1024 + " MiB\n\n");
        out.append(Files.readString(Path.of("/proc/" + pid + "/smaps_rollup"))).append('\n');
        out.append(jcmd(pid, "VM.native_memory", "summary")).append('\n');
        out.append(jcmd(pid, "GC.heap_info")).append('\n');
        out.append(jcmd(pid, "GC.run"));
        out.append(jcmd(pid, "GC.heap_info")).append('\n');
        out.append("RSS after the full GC: ").append(rssKib(pid) / 1024).append(" MiB\n\n");
        out.append(jcmd(pid, "GC.class_histogram").lines().limit(30).collect(java.util.stream.Collectors.joining("\n"))).append("\n\n");
        out.append(jcmd(pid, "VM.native_memory", "summary")).append('\n');
        List<String> threads = jcmd(pid, "Thread.print").lines().filter(l -> l.startsWith("\""))
                .map(l -> l.substring(1, l.indexOf('"', 1)).replaceAll("[0-9]+", "N")).toList();
        out.append(threads.size()).append(" threads\n");
        new java.util.TreeMap<>(threads.stream().collect(java.util.stream.Collectors.groupingBy(t -> t, java.util.stream.Collectors.counting())))
                .forEach((name, n) -> out.append(String.format("%5d %s%n", n, name)));
        out.append('\n');
        Process pmap = new ProcessBuilder("pmap", "-x", Long.toString(pid)).redirectErrorStream(true).start();
        out.append(new String(pmap.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        pmap.waitFor();
        Files.writeString(Path.of("target/bench-operator-memory.txt"), out);
        System.out.println("    memory report: target/bench-operator-memory.txt");
    }

    static String jcmd(long pid, String... command) throws Exception {
        List<String> args = new ArrayList<>(List.of("jcmd", Long.toString(pid)));
        args.addAll(List.of(command));
        Process p = new ProcessBuilder(args).redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        return text;
    }

    static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /**
     * The mock server's CRUD store, with what a real API server has and the mock lacks: objects found by name. The
     * mock looks an object up (on every create, to answer 409, and on every patch) by testing each stored object in
     * turn, which at a few thousand objects took most of its CPU and measured the mock instead of the operator.
     * Here the same test runs only on the stored objects of that name; everything else is the mock's own code.
     */
    static final class IndexedCrudDispatcher extends KubernetesCrudDispatcher {
        private final Map<Attribute, Set<AttributeSet>> byName;

        IndexedCrudDispatcher() {
            NamedMap store = new NamedMap();
            byName = store.byName;
            try {
                var field = CrudDispatcher.class.getDeclaredField("map");
                field.setAccessible(true);
                field.set(this, store);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("the mock server's store cannot be indexed: " + e, e);
            }
        }

        @Override
        public Map.Entry<AttributeSet, String> findResource(AttributeSet query) {
            Attribute name = query.getAttribute("name");
            if (name == null) {
                return super.findResource(query);
            }
            for (AttributeSet key : byName.getOrDefault(name, Set.of())) {
                if (key.matches(query)) {
                    return Map.entry(key, map.get(key));
                }
            }
            return null;
        }
    }

    /** The mock's map of stored objects, in insertion order as before, with an index by the name attribute. */
    static final class NamedMap extends LinkedHashMap<AttributeSet, String> {
        final Map<Attribute, Set<AttributeSet>> byName = new HashMap<>();

        @Override
        public String put(AttributeSet key, String value) {
            Attribute name = key.getAttribute("name");
            if (name != null) {
                byName.computeIfAbsent(name, n -> new LinkedHashSet<>()).add(key);
            }
            return super.put(key, value);
        }

        @Override
        public String remove(Object key) {
            if (key instanceof AttributeSet set && set.getAttribute("name") != null) {
                Set<AttributeSet> same = byName.get(set.getAttribute("name"));
                if (same != null) {
                    same.remove(set);
                }
            }
            return super.remove(key);
        }

        @Override
        public void clear() {
            byName.clear();
            super.clear();
        }
    }
}
