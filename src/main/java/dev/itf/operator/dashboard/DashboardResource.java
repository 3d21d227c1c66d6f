package dev.itf.operator.dashboard;

import dev.itf.api.TestSuite;
import dev.itf.docs.SuiteDocs;
import dev.itf.results.CaseResult;
import io.fabric8.kubernetes.client.KubernetesClient;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.itf.api.Itf;
import dev.itf.api.TestRun;
import dev.itf.json.Json;
import dev.itf.operator.Leadership;
import dev.itf.operator.results.CachedRuns;
import dev.itf.operator.results.ReportAccess;
import dev.itf.operator.results.ResultsResource;
import dev.itf.report.History;
import dev.itf.report.ReportFormat;
import dev.itf.results.RunResult;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The dashboard, served by the operator under /dashboard: runs across the namespaces the viewer may
 * {@code get testruns} in, live by server-sent events, a page per run and per suite, and every report as a download.
 * Sign-in takes a Kubernetes bearer token once (TokenReview) and answers with an HttpOnly session cookie; each
 * namespace and run is then checked with SubjectAccessReview ({@link DashboardAccess}). Runs come from the
 * controller's informer cache; the only API requests are the reviews.
 */
@Path("/dashboard")
public class DashboardResource {
    private static final Logger LOG = Logger.getLogger(DashboardResource.class);
    private static final String BEARER = "Bearer ";
    private static final String HTML = "text/html; charset=utf-8";
    private static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";
    private static final List<String> STATIC = List.of("dashboard.js", "dashboard.css");

    private final DashboardSessions sessions;
    private final DashboardAccess access;
    private final RunFeed feed;
    private final CachedRuns runs;
    private final DashboardPages pages;
    private final DashboardReports reports;
    private final Clock clock;
    private final ReportAccess reportAccess;
    private final Leadership leadership;
    private final KubernetesClient client;

    public DashboardResource(DashboardSessions sessions, DashboardAccess access, RunFeed feed, CachedRuns runs,
                             DashboardPages pages, DashboardReports reports, Clock clock, ReportAccess reportAccess,
                             Leadership leadership, KubernetesClient client) {
        this.client = client;
        this.reportAccess = reportAccess;
        this.leadership = leadership;
        this.sessions = sessions;
        this.access = access;
        this.feed = feed;
        this.runs = runs;
        this.pages = pages;
        this.reports = reports;
        this.clock = clock;
    }

    // ---- sign-in

    @GET
    @Path("sign-in")
    public Response signInPage() {
        if (!access.checked()) {
            return Response.seeOther(URI.create("/dashboard")).build();
        }
        return page("sign-in", Map.of("title", "Sign in"));
    }

    /** Takes the token from the Authorization header (never a URL or a form field that could be logged) and starts a session. */
    @POST
    @Path("session")
    @Produces(MediaType.APPLICATION_JSON)
    public Response signIn(@HeaderParam("Authorization") String authorization, @Context UriInfo uri,
                           @HeaderParam("X-Forwarded-Proto") String forwardedProto) {
        leaderOnly();
        if (!access.checked()) {
            return json(Response.Status.OK, Map.of("user", "", "auth", "none"));
        }
        if (authorization == null || !authorization.startsWith(BEARER) || authorization.substring(BEARER.length()).isBlank()) {
            return json(Response.Status.UNAUTHORIZED, Map.of("error", "paste a Kubernetes bearer token"));
        }
        DashboardSessions.SignIn in = sessions.signIn(authorization.substring(BEARER.length()));
        return switch (in.decision()) {
            case ALLOWED -> Response.fromResponse(json(Response.Status.OK, Map.of("user", in.user())))
                    .cookie(cookie(in.session(), (int) sessions.ttl().toSeconds(), secure(uri, forwardedProto))).build();
            case UNAVAILABLE -> Response.fromResponse(json(Response.Status.SERVICE_UNAVAILABLE,
                    Map.of("error", "the Kubernetes API server could not check the token; try again"))).header("Retry-After", "5").build();
            default -> json(Response.Status.UNAUTHORIZED, Map.of("error", "the Kubernetes API server does not accept this token"));
        };
    }

    @POST
    @Path("sign-out")
    public Response signOut(@CookieParam(DashboardSessions.COOKIE) String session, @Context UriInfo uri,
                            @HeaderParam("X-Forwarded-Proto") String forwardedProto) {
        sessions.signOut(session);
        return Response.seeOther(URI.create("/dashboard/sign-in")).cookie(cookie("", 0, secure(uri, forwardedProto))).build();
    }

    private static boolean secure(UriInfo uri, String forwardedProto) {
        return "https".equalsIgnoreCase(forwardedProto) || "https".equalsIgnoreCase(uri.getRequestUri().getScheme());
    }

    private static NewCookie cookie(String value, int maxAge, boolean secure) {
        // Lax: sent when a link from elsewhere (status.reportUrl in a chat) opens a page, never with another site's POST
        return new NewCookie.Builder(DashboardSessions.COOKIE).value(value).path("/dashboard").maxAge(maxAge)
                .httpOnly(true).secure(secure).sameSite(NewCookie.SameSite.LAX).build();
    }

    // ---- pages

    @GET
    public Response runsPage(@CookieParam(DashboardSessions.COOKIE) String session, @Context UriInfo uri) {
        Optional<Viewer> viewer = viewer(session);
        if (viewer.isEmpty()) {
            return toSignIn(uri);
        }
        Map<String, Object> data = new HashMap<>();
        data.put("title", "Test runs");
        data.put("viewer", viewer.get());
        data.put("checked", access.checked());
        data.put("runs", visible(viewer.get()));
        return page("runs", data);
    }

    /**
     * A run's page, which status.reportUrl points at. Asked for JSON (Accept: application/json, as {@code itf submit}
     * asks) it answers as the reports API does, to the same bearer token or to a signed-in session.
     */
    @GET
    @Path("runs/{namespace}/{name}")
    public Response runPage(@PathParam("namespace") String namespace, @PathParam("name") String name,
                            @CookieParam(DashboardSessions.COOKIE) String session, @HeaderParam("Accept") String accept,
                            @HeaderParam("Authorization") String authorization, @Context UriInfo uri) throws IOException {
        if (accept != null && accept.contains(MediaType.APPLICATION_JSON) && !accept.contains(MediaType.TEXT_HTML)) {
            return runJson(namespace, name, session, authorization);
        }
        Optional<Viewer> viewer = viewer(session);
        if (viewer.isEmpty()) {
            return toSignIn(uri);
        }
        Optional<Response> refused = refused(viewer.get(), namespace, name);
        if (refused.isPresent()) {
            return refused.get();
        }
        Optional<TestRun> run = runs.get(namespace, name);
        if (run.isEmpty()) {
            return problem(Response.Status.NOT_FOUND, "No TestRun " + namespace + "/" + name + ".", viewer.get());
        }
        RunPage view = RunPage.of(RunRow.of(run.get(), clock.instant()), reports.result(run.get()));
        Map<String, Object> data = new HashMap<>();
        data.put("title", namespace + "/" + name);
        data.put("viewer", viewer.get());
        data.put("checked", access.checked());
        data.put("page", view);
        return page("run", data);
    }

    private Response runJson(String namespace, String name, String session, String authorization) throws IOException {
        leaderOnly();
        Optional<Viewer> viewer = authorization == null ? viewer(session) : Optional.empty();
        ReportAccess.Decision decision = viewer.isPresent() ? access.run(viewer.get(), namespace, name)
                : reportAccess.check(authorization, namespace, name);
        Optional<Response> refused = ResultsResource.refusal(decision, namespace, name);
        if (refused.isPresent()) {
            return refused.get();
        }
        Optional<TestRun> run = runs.get(namespace, name);
        if (run.isEmpty()) {
            return ResultsResource.errorOf(Response.Status.NOT_FOUND, "no TestRun " + namespace + "/" + name);
        }
        return Response.ok(Json.MAPPER.writeValueAsString(reports.result(run.get())), MediaType.APPLICATION_JSON)
                .header("Cache-Control", "no-store").build();
    }

    @GET
    @Path("runs/{namespace}/{name}/reports/{format}")
    public Response download(@PathParam("namespace") String namespace, @PathParam("name") String name, @PathParam("format") String format,
                             @CookieParam(DashboardSessions.COOKIE) String session, @Context UriInfo uri) throws IOException {
        Optional<Viewer> viewer = viewer(session);
        if (viewer.isEmpty()) {
            return toSignIn(uri);
        }
        Optional<Response> refused = refused(viewer.get(), namespace, name);
        if (refused.isPresent()) {
            return refused.get();
        }
        ReportFormat f = Arrays.stream(ReportFormat.values()).filter(v -> v.id.equals(format)).findFirst().orElse(null);
        if (f == null) {
            return problem(Response.Status.NOT_FOUND, "No report format \"" + format + "\"; the formats are "
                    + String.join(", ", Arrays.stream(ReportFormat.values()).map(v -> v.id).toList()) + ".", viewer.get());
        }
        Optional<TestRun> run = runs.get(namespace, name);
        if (run.isEmpty()) {
            return problem(Response.Status.NOT_FOUND, "No TestRun " + namespace + "/" + name + ".", viewer.get());
        }
        RunResult result = reports.result(run.get());
        History history = suiteHistory(namespace, result.suite, run.get());
        StreamingOutput body = out -> reports.write(result, history, f, out);
        return Response.ok(body, DashboardReports.mediaType(f))
                .header("Content-Disposition", "attachment; filename=\"" + name + "-" + DashboardReports.fileName(f) + "\"")
                .header("Cache-Control", "no-store").header("X-Content-Type-Options", "nosniff").build();
    }

    @GET
    @Path("suites/{namespace}/{suite}")
    public Response suitePage(@PathParam("namespace") String namespace, @PathParam("suite") String suite,
                              @CookieParam(DashboardSessions.COOKIE) String session, @Context UriInfo uri) throws IOException {
        Optional<Viewer> viewer = viewer(session);
        if (viewer.isEmpty()) {
            return toSignIn(uri);
        }
        Optional<Response> refused = refused(viewer.get(), namespace, null);
        if (refused.isPresent()) {
            return refused.get();
        }
        List<RunRow> rows = feed.rows().stream().filter(r -> r.namespace().equals(namespace) && r.suite().equals(suite)).toList();
        History history = suiteHistory(namespace, suite, null);
        Map<String, Object> data = new HashMap<>();
        data.put("title", "Suite " + suite);
        data.put("viewer", viewer.get());
        data.put("checked", access.checked());
        data.put("page", SuitePage.of(namespace, suite, rows, history));
        return page("suite", data);
    }

    /**
     * The suite's documentation (the same as {@code itf docs} writes), with the last outcome of each case from the
     * suite's newest finished run the operator keeps. Its page is self-contained: inline styles, no script.
     */
    @GET
    @Path("suites/{namespace}/{suite}/docs")
    public Response suiteDocs(@PathParam("namespace") String namespace, @PathParam("suite") String suite,
                              @CookieParam(DashboardSessions.COOKIE) String session, @Context UriInfo uri) throws IOException {
        Optional<Viewer> viewer = viewer(session);
        if (viewer.isEmpty()) {
            return toSignIn(uri);
        }
        Optional<Response> refused = refused(viewer.get(), namespace, null);
        if (refused.isPresent()) {
            return refused.get();
        }
        TestSuite found = client.resources(TestSuite.class).inNamespace(namespace).withName(suite).get();
        if (found == null || found.getSpec() == null) {
            return problem(Response.Status.NOT_FOUND, "There is no TestSuite \"" + suite + "\" in namespace \"" + namespace + "\".", viewer.get());
        }
        Map<String, CaseResult> last = new HashMap<>();
        List<TestRun> finished = finishedRuns(namespace, suite);
        if (!finished.isEmpty()) {
            for (CaseResult c : reports.result(finished.get(finished.size() - 1)).cases) {
                last.put(c.caseId, c);
            }
        }
        return Response.ok(SuiteDocs.html(new SuiteDocs.Input(found, null, last)), HTML)
                .header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'; base-uri 'none'")
                .header("Cache-Control", "no-store").header("X-Content-Type-Options", "nosniff").header("Referrer-Policy", "same-origin").build();
    }

    /** The suite's finished runs in the namespace that the operator holds, oldest first (by start time). */
    private List<TestRun> finishedRuns(String namespace, String suite) {
        return runs.all().stream()
                .filter(r -> namespace.equals(r.getMetadata().getNamespace()) && r.getSpec() != null && r.getSpec().suiteRef != null
                        && suite.equals(r.getSpec().suiteRef.name) && r.getStatus() != null && r.getStatus().phase != null
                        && r.getStatus().phase.isFinal() && r.getStatus().startTime != null)
                .sorted(Comparator.comparing((TestRun r) -> r.getStatus().startTime))
                .toList();
    }

    /** The suite's finished runs in the namespace (up to the one given, when given), oldest first, as a history. */
    private History suiteHistory(String namespace, String suite, TestRun upTo) throws IOException {
        if (suite == null) {
            return null;
        }
        String until = upTo == null || upTo.getStatus() == null ? null : upTo.getStatus().startTime;
        List<TestRun> finished = finishedRuns(namespace, suite).stream()
                .filter(r -> until == null || r.getStatus().startTime.compareTo(until) <= 0)
                .toList();
        if (finished.size() > History.MAX_RUNS) {
            finished = finished.subList(finished.size() - History.MAX_RUNS, finished.size());
        }
        return reports.history(suite, finished);
    }

    // ---- data for scripts and live pages

    @GET
    @Path("api/runs")
    @Produces(MediaType.APPLICATION_JSON)
    public Response runsJson(@CookieParam(DashboardSessions.COOKIE) String session) {
        Optional<Viewer> viewer = viewer(session);
        if (viewer.isEmpty()) {
            return json(Response.Status.UNAUTHORIZED, Map.of("error", "sign in first: POST /dashboard/session with a bearer token"));
        }
        return json(Response.Status.OK, Map.of("runs", visible(viewer.get())));
    }

    /**
     * Live updates: a {@code run} event (the row as JSON) for each visible run now and whenever one appears or
     * changes, a {@code removed} event (its namespace/name) when it goes. The session cookie authenticates it, since
     * EventSource cannot send an Authorization header; the stream ends when the session does.
     */
    @GET
    @Path("events")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    public void events(@CookieParam(DashboardSessions.COOKIE) String session, @Context SseEventSink sink, @Context Sse sse) {
        Optional<Viewer> found = viewer(session);
        if (found.isEmpty()) {
            throw new WebApplicationException(Response.status(Response.Status.UNAUTHORIZED).build());
        }
        Viewer viewer = found.get();
        AtomicReference<AutoCloseable> subscription = new AtomicReference<>();
        Runnable stop = () -> {
            AutoCloseable s = subscription.getAndSet(null);
            if (s != null) {
                try {
                    s.close();
                } catch (Exception e) {
                    LOG.debugf("dashboard: closing a listener: %s", e);
                }
            }
            if (!sink.isClosed()) {
                sink.close();
            }
        };
        for (RunRow r : visible(viewer)) {
            sink.send(runEvent(sse, r));
        }
        subscription.set(feed.listen(change -> {
            if (sink.isClosed() || (access.checked() && viewer(session).isEmpty())) {
                stop.run();
                return;
            }
            var event = change == null ? sse.newEventBuilder().comment("keep-alive").build()
                    : !allowed(viewer, change.key().substring(0, change.key().indexOf('/'))) ? null
                    : change.row() == null ? sse.newEventBuilder().name("removed").data(String.class, change.key()).build()
                    : runEvent(sse, change.row());
            if (event != null) {
                sink.send(event).whenComplete((ok, failure) -> {
                    if (failure != null) {
                        stop.run();
                    }
                });
            }
        }));
    }

    private static jakarta.ws.rs.sse.OutboundSseEvent runEvent(Sse sse, RunRow row) {
        try {
            return sse.newEventBuilder().name("run").data(String.class, Json.MAPPER.writeValueAsString(row)).build();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a run row is always JSON", e);
        }
    }

    @GET
    @Path("static/{file}")
    public Response asset(@PathParam("file") String file) throws IOException {
        if (!STATIC.contains(file)) {
            return Response.status(Response.Status.NOT_FOUND).build();
        }
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("dashboard/static/" + file)) {
            if (in == null) {
                return Response.status(Response.Status.NOT_FOUND).build();
            }
            return Response.ok(in.readAllBytes(), file.endsWith(".js") ? "text/javascript; charset=utf-8" : "text/css; charset=utf-8")
                    .header("Cache-Control", "max-age=300").header("X-Content-Type-Options", "nosniff").build();
        }
    }

    // ---- access

    /** Only the leader's informers hold the runs (and its memory the sessions): a follower would show nothing. */
    private void leaderOnly() {
        if (!leadership.isLeader()) {
            throw new WebApplicationException(Response.status(Response.Status.SERVICE_UNAVAILABLE).header("Retry-After", "5")
                    .type(MediaType.TEXT_PLAIN).entity("this operator replica is standing by; the dashboard is served by the leader: retry").build());
        }
    }

    private Optional<Viewer> viewer(String session) {
        leaderOnly();
        return access.checked() ? sessions.find(session) : Optional.of(Viewer.ANYONE);
    }

    private boolean allowed(Viewer viewer, String namespace) {
        return access.namespace(viewer, namespace) == ReportAccess.Decision.ALLOWED;
    }

    /** The runs in namespaces the viewer may get testruns in; one review per namespace (cached), none per run. */
    private List<RunRow> visible(Viewer viewer) {
        Map<String, Boolean> namespaces = new LinkedHashMap<>();
        List<RunRow> shown = new ArrayList<>();
        for (RunRow r : feed.rows()) {
            if (namespaces.computeIfAbsent(r.namespace(), ns -> allowed(viewer, ns))) {
                shown.add(r);
            }
        }
        return shown;
    }

    /** Decided before the run is looked up, so a viewer who may not read it cannot learn whether it exists. */
    private Optional<Response> refused(Viewer viewer, String namespace, String name) {
        ReportAccess.Decision d = name == null ? access.namespace(viewer, namespace) : access.run(viewer, namespace, name);
        return switch (d) {
            case ALLOWED -> Optional.empty();
            case UNAVAILABLE -> Optional.of(problem(Response.Status.SERVICE_UNAVAILABLE,
                    "The Kubernetes API server could not check your access; try again.", viewer));
            default -> Optional.of(problem(Response.Status.FORBIDDEN, viewer.name() + " may not get testruns." + Itf.GROUP
                    + (name == null ? "" : " \"" + name + "\"") + " in namespace \"" + namespace + "\".", viewer));
        };
    }

    private static Response toSignIn(UriInfo uri) {
        String next = uri.getRequestUri().getRawPath();
        return Response.seeOther(URI.create("/dashboard/sign-in?next=" + URLEncoder.encode(next, StandardCharsets.UTF_8))).build();
    }

    private Response problem(Response.Status status, String message, Viewer viewer) {
        return Response.fromResponse(page("problem", Map.of("title", status.getReasonPhrase(), "message", message,
                "viewer", viewer, "checked", access.checked()))).status(status).build();
    }

    private Response page(String name, Map<String, Object> given) {
        Map<String, Object> data = new HashMap<>(given);
        data.putIfAbsent("viewer", Viewer.ANYONE);
        data.put("signedIn", access.checked() && !((Viewer) data.get("viewer")).anyone());
        return Response.ok(pages.render(name, data), HTML)
                .header("Content-Security-Policy", CSP).header("Cache-Control", "no-store")
                .header("X-Content-Type-Options", "nosniff").header("Referrer-Policy", "same-origin").build();
    }

    private static Response json(Response.Status status, Object body) {
        try {
            return Response.status(status).type(MediaType.APPLICATION_JSON).entity(Json.MAPPER.writeValueAsString(body))
                    .header("Cache-Control", "no-store").build();
        } catch (JsonProcessingException e) {
            return Response.status(status).build();
        }
    }
}
