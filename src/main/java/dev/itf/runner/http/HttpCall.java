package dev.itf.runner.http;

import dev.itf.api.TlsOptions;
import dev.itf.http.Client;
import dev.itf.http.Request;
import dev.itf.http.Response;
import dev.itf.runner.Durations;
import dev.itf.runner.HttpClients;
import dev.itf.runner.SentValues;
import dev.itf.runner.StepContext;
import dev.itf.runner.StepResponse;
import dev.itf.runner.StepTls;
import dev.itf.runner.auth.AppliedAuth;
import dev.itf.runner.auth.AuthProfiles;

import javax.net.ssl.SSLException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/** One HTTP request as http and graphql steps send it: rendered, authenticated, timed and logged without secrets. */
final class HttpCall {

    private static final int MAX_PARSED = 10_000;
    private static final Map<String, URI> PARSED = new ConcurrentHashMap<>();

    final String method;
    final String url;
    final Map<String, String> query = new LinkedHashMap<>();
    final Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    String body;
    String contentType;
    String auth;
    boolean followRedirects = true;
    boolean insecure;
    /** The step's TLS options (a CA to trust); insecure above applies when null. */
    TlsOptions tls;

    HttpCall(String method, String url) {
        this.method = method;
        this.url = url;
    }

    /** The request as it goes out (rendered, authenticated), with its URL as logs may show it (no auth query). */
    record Prepared(Request request, String shownUrl) {
    }

    /** Builds the request without sending it: a load step's event loop sends it over its own connections. */
    Prepared prepare(StepContext ctx, AuthProfiles authProfiles) throws Exception {
        AppliedAuth applied = auth != null && !auth.isBlank() && !"none".equals(auth) ? authProfiles.applied(auth, ctx) : AppliedAuth.none();
        Map<String, String> authHeaders = applied.headers();
        Map<String, String> authQuery = applied.query();
        String shownUrl = withQuery(url, query);
        Map<String, String> allQuery = new LinkedHashMap<>(query);
        allQuery.putAll(authQuery);
        URI uri;
        try {
            uri = parsed(withQuery(url, allQuery));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("bad URL \"" + shownUrl + "\": " + e.getMessage());
        }
        if (uri.getScheme() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))) {
            throw new IllegalArgumentException("bad URL \"" + shownUrl + "\": it must start with http:// or https://");
        }
        Request.Builder request = Request.to(uri).timeout(ctx.timeout());
        Map<String, String> sent = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        sent.putAll(headers);
        if (body != null && contentType != null && !sent.containsKey("Content-Type")) {
            sent.put("Content-Type", contentType);
        }
        sent.putAll(authHeaders);
        for (Map.Entry<String, String> h : sent.entrySet()) {
            try {
                request.header(h.getKey(), h.getValue());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("header \"" + h.getKey() + "\" cannot be set: " + e.getMessage());
            }
        }
        request.method(method, body);
        SentValues sentValues = SentValues.of(ctx.resources());
        sentValues.add(shownUrl);
        sentValues.add(body);
        return new Prepared(request.build(), shownUrl);
    }

    /** Sends the request; throws with a message naming method, URL and cause when no response arrives. */
    StepResponse send(StepContext ctx, AuthProfiles authProfiles) throws Exception {
        Prepared prepared = prepare(ctx, authProfiles);
        String shownUrl = prepared.shownUrl();
        Duration timeout = ctx.timeout();
        ctx.log(method + " " + shownUrl);
        for (Map.Entry<String, String> h : headers.entrySet()) {
            ctx.log("> " + h.getKey() + ": " + ctx.redactor().shown(h.getKey(), h.getValue()));
        }
        if (body != null) {
            ctx.logBody("> ", body);
        }
        Client client = tls != null ? StepTls.client(tls, followRedirects, ctx)
                : ctx.resources().shared(HttpClients.KEY, HttpClients::new).client(insecure, followRedirects);
        long started = System.nanoTime();
        Response response;
        try {
            response = client.send(prepared.request());
        } catch (HttpConnectTimeoutException e) {
            throw new IOException(method + " " + shownUrl + ": cannot connect (" + e.getMessage() + ")", e);
        } catch (HttpTimeoutException e) {
            throw new IOException(method + " " + shownUrl + ": no response within " + Durations.format(timeout), e);
        } catch (ConnectException e) {
            throw new IOException(method + " " + shownUrl + ": cannot connect (" + cause(e) + ")", e);
        } catch (SSLException e) {
            throw new IOException(method + " " + shownUrl + ": TLS handshake failed (" + cause(e)
                    + "); for a self-signed certificate set tls.insecure: true on the step", e);
        } catch (IOException e) {
            throw new IOException(method + " " + shownUrl + ": " + cause(e), e);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        String text = response.text();
        ctx.log("< " + response.status() + " in " + took.toMillis() + " ms");
        if (!text.isEmpty()) {
            ctx.logBody("< ", text);
        }
        return StepResponse.parsingJsonOnDemand(response.status(), () -> response.headers().map(), text, took);
    }

    /** The URI of a URL text, parsed once per distinct text: most cases of a suite call the same few URLs. */
    private static URI parsed(String url) {
        URI uri = PARSED.get(url);
        if (uri == null) {
            uri = URI.create(url);
            if (PARSED.size() < MAX_PARSED) {
                PARSED.put(url, uri);
            }
        }
        return uri;
    }

    /** The innermost message of an exception chain: the JDK wraps the useful one (connection refused, PKIX ...) deeply. */
    private static String cause(Throwable e) {
        String message = null;
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null) {
                message = t.getMessage();
            }
            if (t.getCause() == null && message == null) {
                message = t.getClass().getSimpleName();
            }
        }
        return message;
    }

    static String withQuery(String url, Map<String, String> params) {
        if (params.isEmpty()) {
            return url;
        }
        StringBuilder b = new StringBuilder(url);
        char sep = url.contains("?") ? '&' : '?';
        for (Map.Entry<String, String> p : params.entrySet()) {
            b.append(sep).append(encode(p.getKey())).append('=').append(encode(p.getValue()));
            sep = '&';
        }
        return b.toString();
    }

    static String encode(String s) {
        return URLEncoder.encode(s == null ? "" : s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
