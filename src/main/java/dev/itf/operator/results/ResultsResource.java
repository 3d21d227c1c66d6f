package dev.itf.operator.results;

import dev.itf.results.CaseResult;
import dev.itf.results.LoadResources;
import dev.itf.operator.usage.ComponentUsage;
import dev.itf.results.ComplianceReport;
import dev.itf.results.ResultSummary;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.itf.api.Itf;
import dev.itf.api.TestRun;
import dev.itf.api.TestSuite;
import dev.itf.operator.Leadership;
import dev.itf.json.Json;
import dev.itf.results.RunResult;
import io.fabric8.kubernetes.client.KubernetesClient;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The results endpoint: runners POST case results (one JSON object, or an array of them as a batch) with the run's
 * bearer token; they are checked field by field and stored durably, a batch as one group commit, before the 200, and
 * the run is reconciled soon after. GET returns a run's report, the canonical JSON result of the whole run, built from
 * what is stored, to callers whose Kubernetes identity may get the run ({@link ReportAccess}).
 */
@Path("/api/v1")
public class ResultsResource {
    private static final Logger LOG = Logger.getLogger(ResultsResource.class);
    private static final String BEARER = "Bearer ";
    private static final String NOT_THIS_RUNS = "the token is not this run's";

    private final KubernetesClient client;
    private final ResultStore store;
    private final RunTokens tokens;
    private final ReportAccess access;
    private final RunResults known;
    private final RunWakeUps wakeUps;
    private final Leadership leadership;
    private final CachedRuns cache;
    private final ComponentUsage usage;
    private final int maxBytes;

    public ResultsResource(KubernetesClient client, ResultStore store, RunTokens tokens, ReportAccess access, RunResults known,
                           RunWakeUps wakeUps, Leadership leadership, CachedRuns cache, ComponentUsage usage,
                           @ConfigProperty(name = "itf.results.max-bytes", defaultValue = "1048576") int maxBytes) {
        this.client = client;
        this.store = store;
        this.tokens = tokens;
        this.access = access;
        this.known = known;
        this.wakeUps = wakeUps;
        this.leadership = leadership;
        this.cache = cache;
        this.usage = usage;
        this.maxBytes = maxBytes;
    }

    @POST
    @Path("results/{namespace}/{testrun}")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Response post(@PathParam("namespace") String namespace, @PathParam("testrun") String name,
                         @HeaderParam("Authorization") String authorization, byte[] body) {
        if (!leadership.isLeader()) {
            // only the leader keeps the running summaries: a follower's 503 makes the runner send again
            return Response.fromResponse(error(Response.Status.SERVICE_UNAVAILABLE,
                    "this operator replica is not the leader; send again")).header("Retry-After", "1").build();
        }
        if (authorization == null || !authorization.startsWith(BEARER) || authorization.length() == BEARER.length()) {
            return error(Response.Status.UNAUTHORIZED, "a bearer token (the run's token) is required");
        }
        // the token is checked against memory before anything reaches the API server, so wrong tokens cost it nothing
        Optional<String> uid = tokens.check(namespace, name, authorization.substring(BEARER.length()));
        if (uid.isEmpty() && !tokens.complete()) {
            return Response.fromResponse(error(Response.Status.SERVICE_UNAVAILABLE,
                    "the operator is still reading run tokens; send again")).header("Retry-After", "1").build();
        }
        if (uid.isEmpty()) {
            // an unknown run and a wrong token look the same, so the endpoint tells nobody which runs exist
            return error(Response.Status.FORBIDDEN, NOT_THIS_RUNS);
        }
        if (body == null || body.length > maxBytes) {
            return error(Response.Status.REQUEST_ENTITY_TOO_LARGE, "a result may hold at most " + maxBytes + " bytes");
        }
        List<CaseResult> results;
        try {
            results = CaseResultBody.parse(body);
        } catch (CaseResultBody.Invalid e) {
            return error(Response.Status.BAD_REQUEST, "not a case result: " + e.getMessage());
        }
        // the informer's copy: a GET per POST would cost the API server a request per result
        TestRun run = cache.get(namespace, name)
                .orElseGet(() -> client.resources(TestRun.class).inNamespace(namespace).withName(name).get());
        if (run == null || !uid.get().equals(run.getMetadata().getUid())) {
            // the token of a run that is gone, or of an earlier run of the same name
            return error(Response.Status.FORBIDDEN, NOT_THIS_RUNS);
        }
        int shards = run.getSpec().parallelism == null ? 1 : run.getSpec().parallelism;
        for (int i = 0; i < results.size(); i++) {
            if (results.get(i).shard >= shards) {
                return error(Response.Status.BAD_REQUEST, "not a case result: " + (results.size() > 1 ? "[" + i + "]." : "")
                        + "shard: " + results.get(i).shard + " but the run has " + shards + " shard" + (shards == 1 ? "" : "s"));
            }
        }
        // resources thresholds get their verdict here, from the operator's samples, and are stored with it
        results.stream().filter(LoadResources::any).forEach(r -> LoadResources.judge(r, usage.usage(run.getMetadata().getUid())));
        try {
            int created = known.ingest(key(run), results);
            wakeUps.wake(key(run));
            boolean batch = body.length > 0 && firstNonBlank(body) == '[';
            return Response.ok(batch ? Map.of("results", results.size(), "created", created)
                    : Map.of("stored", created == 1 ? "created" : "duplicate")).build();
        } catch (IOException | UncheckedIOException e) {
            LOG.errorf("storing results of %s/%s failed: %s", namespace, name, e.getMessage());
            return error(Response.Status.SERVICE_UNAVAILABLE, "the result store failed; send again");
        }
    }

    private static char firstNonBlank(byte[] body) {
        for (byte b : body) {
            if (!Character.isWhitespace(b)) {
                return (char) b;
            }
        }
        return ' ';
    }

    @GET
    @Path("reports/{namespace}/{testrun}")
    @Produces(MediaType.APPLICATION_JSON)
    public Response report(@PathParam("namespace") String namespace, @PathParam("testrun") String name,
                           @HeaderParam("Authorization") String authorization) throws IOException {
        // access is decided before the run is looked up, so a caller who may not read it cannot learn whether it exists
        Optional<Response> refused = refusal(access.check(authorization, namespace, name), namespace, name);
        if (refused.isPresent()) {
            return refused.get();
        }
        TestRun run = client.resources(TestRun.class).inNamespace(namespace).withName(name).get();
        if (run == null) {
            return error(Response.Status.NOT_FOUND, "no TestRun " + namespace + "/" + name);
        }
        return Response.ok(Json.MAPPER.writeValueAsString(report(run, store, suiteOf(client, run)))).build();
    }

    /** The reports API's answer to a caller the decision does not allow to read run namespace/name; empty when it does. */
    public static Optional<Response> refusal(ReportAccess.Decision decision, String namespace, String name) {
        return switch (decision) {
            case UNAUTHENTICATED -> Optional.of(Response.fromResponse(errorOf(Response.Status.UNAUTHORIZED,
                    "a Kubernetes bearer token is required (Authorization: Bearer TOKEN) that the API server accepts"))
                    .header("WWW-Authenticate", "Bearer").build());
            case FORBIDDEN -> Optional.of(errorOf(Response.Status.FORBIDDEN, "this identity may not get testruns." + Itf.GROUP
                    + " \"" + name + "\" in namespace \"" + namespace + "\""));
            case UNAVAILABLE -> Optional.of(Response.fromResponse(errorOf(Response.Status.SERVICE_UNAVAILABLE,
                    "the Kubernetes API server could not check the token; try again")).header("Retry-After", "5").build());
            case ALLOWED -> Optional.empty();
        };
    }

    /** The suite a run names, or null when it names none or it is gone. */
    public static TestSuite suiteOf(KubernetesClient client, TestRun run) {
        if (run.getSpec().suiteRef == null || run.getSpec().suiteRef.name == null) {
            return null;
        }
        return client.resources(TestSuite.class).inNamespace(run.getMetadata().getNamespace())
                .withName(run.getSpec().suiteRef.name).get();
    }

    /**
     * The canonical result of a whole run (every shard, the last attempt of each case) from what is stored, with the
     * compliance report of the profiles the suite selects (none when suite is null).
     */
    public static RunResult report(TestRun run, ResultStore store, TestSuite suite) throws IOException {
        RunResult report = new RunResult();
        report.suite = run.getSpec().suiteRef == null ? null : run.getSpec().suiteRef.name;
        report.startedAt = run.getStatus() == null ? null : run.getStatus().startTime;
        report.finishedAt = run.getStatus() == null ? null : run.getStatus().completionTime;
        report.shards = run.getSpec().parallelism == null ? 1 : run.getSpec().parallelism;
        if (report.startedAt != null && report.finishedAt != null) {
            report.durationMs = java.time.Duration.between(java.time.Instant.parse(report.startedAt),
                    java.time.Instant.parse(report.finishedAt)).toMillis();
        }
        report.cases = ResultSummary.lastAttempts(dev.itf.results.LoadShards.combine(store.list(key(run))));
        report.summary = RunResult.summarize(report.cases);
        if (suite != null && suite.getSpec() != null) {
            report.compliance = ComplianceReport.of(suite.getSpec().compliance, report.cases);
        }
        return report;
    }

    public static RunKey key(TestRun run) {
        return new RunKey(run.getMetadata().getNamespace(), run.getMetadata().getName(), run.getMetadata().getUid());
    }

    private Response error(Response.Status status, String message) {
        return errorOf(status, message);
    }

    /** A JSON error answer: {"error": message}. */
    public static Response errorOf(Response.Status status, String message) {
        try {
            return Response.status(status).type(MediaType.APPLICATION_JSON)
                    .entity(Json.MAPPER.writeValueAsString(Map.of("error", message))).build();
        } catch (JsonProcessingException e) {
            return Response.status(status).build();
        }
    }
}
