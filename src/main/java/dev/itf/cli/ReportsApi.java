package dev.itf.cli;

import dev.itf.http.Client;
import dev.itf.http.Request;
import dev.itf.http.Response;
import dev.itf.json.Json;
import dev.itf.results.RunResult;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * The operator's reports API as {@code itf submit} calls it: a run's canonical results JSON, fetched with the caller's
 * own bearer token, so the operator lets through exactly who may {@code get testruns} in the run's namespace.
 */
final class ReportsApi implements AutoCloseable {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    /** Why the reports could not be fetched, said so a user can act on it. */
    static final class Unavailable extends Exception {
        Unavailable(String message) {
            super(message);
        }
    }

    private final Client http = Client.builder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Optional<String> token;

    ReportsApi(Optional<String> token) {
        this.token = token;
    }

    /**
     * The run's report URL: under {@code base} (the operator as the caller reaches it, e.g. through an Ingress) when
     * given, otherwise the one the operator wrote into the run's status.
     */
    static Optional<URI> reportUri(String base, String statusReportUrl, String namespace, String run) {
        if (base != null && !base.isBlank()) {
            String root = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
            return Optional.of(URI.create(root + "/api/v1/reports/" + namespace + "/" + run));
        }
        return statusReportUrl == null || statusReportUrl.isBlank() ? Optional.empty() : Optional.of(URI.create(statusReportUrl));
    }

    RunResult fetch(URI uri) throws Unavailable {
        Request.Builder request;
        try {
            request = Request.to(uri).header("Accept", "application/json").timeout(TIMEOUT);
        } catch (IllegalArgumentException e) {
            throw new Unavailable("the report URL " + uri + " cannot be used: " + e.getMessage());
        }
        token.ifPresent(t -> request.header("Authorization", "Bearer " + t));
        Response response;
        try {
            response = http.send(request.build());
        } catch (IOException e) {
            throw new Unavailable("cannot reach the reports API at " + uri + ": " + e.getMessage()
                    + " (from outside the cluster pass --reports-url with the operator's address)");
        }
        if (response.status() == 401) {
            throw new Unavailable("the reports API at " + uri + " refused the request (401): "
                    + (token.isEmpty() ? "the kubeconfig has no bearer token (it may use a client certificate); set "
                    + Kubeconfig.TOKEN_ENV + " to a token allowed to get testruns" : "the token was not accepted"));
        }
        if (response.status() == 403) {
            throw new Unavailable("the reports API at " + uri + " refused the request (403): the token's identity may not get testruns in this namespace");
        }
        if (response.status() != 200) {
            throw new Unavailable("the reports API at " + uri + " answered " + response.status() + ": " + excerpt(response.text()));
        }
        try {
            return Json.MAPPER.readValue(response.body(), RunResult.class);
        } catch (IOException e) {
            throw new Unavailable("the reports API at " + uri + " sent no run report: " + e.getMessage());
        }
    }

    private static String excerpt(String text) {
        String t = text == null ? "" : text.strip();
        return t.length() > 200 ? t.substring(0, 200) + "…" : t;
    }

    @Override
    public void close() {
        http.close();
    }
}
