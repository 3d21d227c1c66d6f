package dev.itf.operator.results;

import dev.itf.results.CaseResult;
import dev.itf.results.ResultSummary;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.itf.api.TestRun;
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
import java.util.Map;

/**
 * The results endpoint: runners POST each case result with the run's bearer token; it is stored durably before the
 * 200. GET returns a run's report, the canonical JSON result of the whole run, built from what is stored.
 */
@Path("/api/v1")
public class ResultsResource {
    private static final Logger LOG = Logger.getLogger(ResultsResource.class);
    private static final String BEARER = "Bearer ";

    private final KubernetesClient client;
    private final FileResultStore store;
    private final RunTokens tokens;
    private final int maxBytes;
    private final ObjectMapper json = Json.MAPPER;

    public ResultsResource(KubernetesClient client, FileResultStore store, RunTokens tokens,
                           @ConfigProperty(name = "itf.results.max-bytes", defaultValue = "1048576") int maxBytes) {
        this.client = client;
        this.store = store;
        this.tokens = tokens;
        this.maxBytes = maxBytes;
    }

    @POST
    @Path("results/{namespace}/{testrun}")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Response post(@PathParam("namespace") String namespace, @PathParam("testrun") String name,
                         @HeaderParam("Authorization") String authorization, byte[] body) {
        if (authorization == null || !authorization.startsWith(BEARER) || authorization.length() == BEARER.length()) {
            return error(Response.Status.UNAUTHORIZED, "a bearer token (the run's token) is required");
        }
        TestRun run = client.resources(TestRun.class).inNamespace(namespace).withName(name).get();
        if (run == null || !tokens.matches(run, authorization.substring(BEARER.length()))) {
            // an unknown run and a wrong token look the same, so the endpoint tells nobody which runs exist
            return error(Response.Status.FORBIDDEN, "the token is not this run's");
        }
        if (body == null || body.length > maxBytes) {
            return error(Response.Status.REQUEST_ENTITY_TOO_LARGE, "a result may hold at most " + maxBytes + " bytes");
        }
        CaseResult result;
        try {
            result = json.readValue(body, CaseResult.class);
        } catch (IOException e) {
            return error(Response.Status.BAD_REQUEST, "not a case result: " + firstLine(e.getMessage()));
        }
        if (result == null || result.caseId == null || result.caseId.isBlank() || result.attempt < 1) {
            return error(Response.Status.BAD_REQUEST, "a case result needs caseId and attempt (1 or more)");
        }
        try {
            boolean created = store.put(key(run), result);
            return Response.ok(Map.of("stored", created ? "created" : "duplicate")).build();
        } catch (IOException e) {
            LOG.errorf("storing a result of %s/%s failed: %s", namespace, name, e.getMessage());
            return error(Response.Status.SERVICE_UNAVAILABLE, "the result store failed; send again");
        }
    }

    @GET
    @Path("reports/{namespace}/{testrun}")
    @Produces(MediaType.APPLICATION_JSON)
    public Response report(@PathParam("namespace") String namespace, @PathParam("testrun") String name) throws IOException {
        TestRun run = client.resources(TestRun.class).inNamespace(namespace).withName(name).get();
        if (run == null) {
            return error(Response.Status.NOT_FOUND, "no TestRun " + namespace + "/" + name);
        }
        RunResult report = new RunResult();
        report.suite = run.getSpec().suiteRef == null ? null : run.getSpec().suiteRef.name;
        report.startedAt = run.getStatus() == null ? null : run.getStatus().startTime;
        report.finishedAt = run.getStatus() == null ? null : run.getStatus().completionTime;
        report.shards = run.getSpec().parallelism == null ? 1 : run.getSpec().parallelism;
        report.cases = ResultSummary.lastAttempts(store.list(key(run)));
        report.summary = RunResult.summarize(report.cases);
        return Response.ok(Json.MAPPER.writeValueAsString(report)).build();
    }

    public static RunKey key(TestRun run) {
        return new RunKey(run.getMetadata().getNamespace(), run.getMetadata().getName(), run.getMetadata().getUid());
    }

    private Response error(Response.Status status, String message) {
        try {
            return Response.status(status).type(MediaType.APPLICATION_JSON)
                    .entity(json.writeValueAsString(Map.of("error", message))).build();
        } catch (JsonProcessingException e) {
            return Response.status(status).build();
        }
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unreadable JSON";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
