package dev.itf.runner.security;

import dev.itf.api.TlsOptions;
import dev.itf.http.Client;
import dev.itf.http.Request;
import dev.itf.http.Response;
import dev.itf.runner.StepContext;
import dev.itf.runner.StepTls;
import dev.itf.runner.auth.AppliedAuth;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Sends the requests of a security step through the run's HTTP client, redirects not followed, each with the
 * credentials a check gives it. The log names the credential by its variant ("valid admin", "expired"), never its value.
 */
final class Probe {

    private final StepContext ctx;
    private final String baseUrl;
    private final Client client;
    private final boolean logs;

    Probe(StepContext ctx, String baseUrl, TlsOptions tls) {
        this(ctx, baseUrl, StepTls.client(tls, false, ctx), true);
    }

    private Probe(StepContext ctx, String baseUrl, Client client, boolean logs) {
        this.ctx = ctx;
        this.baseUrl = baseUrl;
        this.client = client;
        this.logs = logs;
    }

    /** The same probe without a log line per request, for bursts. */
    Probe quiet() {
        return new Probe(ctx, baseUrl, client, false);
    }

    String baseUrl() {
        return baseUrl;
    }

    Exchange send(SecurityRequest request, AppliedAuth auth, String credential) throws IOException {
        return send(request, auth, credential, Map.of());
    }

    /** Sends the request; an IOException names the request and cause (the step errors: the check could not run). */
    Exchange send(SecurityRequest request, AppliedAuth auth, String credential, Map<String, String> headers) throws IOException {
        StringBuilder url = new StringBuilder(request.url(baseUrl));
        char sep = url.indexOf("?") >= 0 ? '&' : '?';
        for (Map.Entry<String, String> q : auth.query().entrySet()) {
            url.append(sep).append(encode(q.getKey())).append('=').append(encode(q.getValue()));
            sep = '&';
        }
        URI uri;
        try {
            uri = URI.create(url.toString());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("security: bad URL for " + request + ": " + e.getMessage());
        }
        Request.Builder b = Request.to(uri).timeout(ctx.timeout());
        headers.forEach(b::header);
        auth.headers().forEach(b::header);
        boolean hasBody = request.method().equals("POST") || request.method().equals("PUT") || request.method().equals("PATCH");
        if (hasBody) {
            b.header("Content-Type", "application/json");
        }
        b.method(request.method(), hasBody ? "{}" : null);
        Response response;
        try {
            response = client.send(b.build());
        } catch (IOException e) {
            throw new IOException(request + (credential == null ? "" : " [" + credential + "]") + ": " + e.getMessage(), e);
        }
        Exchange x = new Exchange(request, credential, response.status(), response.headers(), response.text());
        if (logs) {
            ctx.log(x.line());
        }
        return x;
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
