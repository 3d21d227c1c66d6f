package dev.itf.runner.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.itf.api.HttpAction;
import dev.itf.api.HttpMethod;
import dev.itf.http.Request;
import dev.itf.runner.StepAction;
import dev.itf.runner.StepContext;
import dev.itf.runner.StepResponse;
import dev.itf.runner.auth.AuthProfiles;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.StringJoiner;

/** An http step: any method, query parameters, headers over the suite defaults, a JSON, text or form body. */
public final class HttpStep implements StepAction {

    private final HttpAction action;
    private final Map<String, String> defaultHeaders;
    private final AuthProfiles auth;

    public HttpStep(HttpAction action, Map<String, String> defaultHeaders, AuthProfiles auth) {
        this.action = action;
        this.defaultHeaders = defaultHeaders == null ? Map.of() : defaultHeaders;
        this.auth = auth;
    }

    @Override
    public StepResponse execute(StepContext ctx) throws Exception {
        return call(ctx).send(ctx, auth);
    }

    /** The request this step sends, rendered and authenticated, not sent: a load step's event loop sends it. */
    public Request prepare(StepContext ctx) throws Exception {
        return call(ctx).prepare(ctx, auth).request();
    }

    /** Whether a load step may send this step's requests over its event loop: plain http with the default TLS settings. */
    public boolean eventLoopCapable(StepContext ctx) {
        return action.tls == null && ctx.render(action.url).regionMatches(true, 0, "http://", 0, 7);
    }

    /** Whether every request of this step is the same: nothing to render anew (no ${...}) and no auth to apply. */
    public boolean samePerRequest() {
        if (action.auth != null && !action.auth.isBlank() && !"none".equals(action.auth)) {
            return false;
        }
        StringBuilder all = new StringBuilder(action.url == null ? "" : action.url);
        action.query.forEach((k, v) -> all.append(v));
        defaultHeaders.forEach((k, v) -> all.append(v));
        action.headers.forEach((k, v) -> all.append(v));
        if (action.form != null) {
            action.form.forEach((k, v) -> all.append(v));
        }
        if (action.body != null) {
            all.append(action.body);
        }
        return !all.toString().contains("${");
    }

    /** Whether the step's client follows redirects. */
    public boolean followsRedirects() {
        return action.followRedirects == null || action.followRedirects;
    }

    private HttpCall call(StepContext ctx) {
        if (action.body != null && !action.body.isNull() && action.form != null) {
            throw new IllegalArgumentException("http: set body or form, not both");
        }
        HttpMethod method = action.method == null ? HttpMethod.GET : action.method;
        HttpCall call = new HttpCall(method.name(), ctx.render(action.url));
        action.query.forEach((k, v) -> call.query.put(k, ctx.render(v)));
        defaultHeaders.forEach((k, v) -> call.headers.put(k, ctx.render(v)));
        action.headers.forEach((k, v) -> call.headers.put(k, ctx.render(v)));
        if (action.form != null) {
            StringJoiner form = new StringJoiner("&");
            action.form.forEach((k, v) -> form.add(formEncode(k) + "=" + formEncode(ctx.render(v))));
            call.body = form.toString();
            call.contentType = "application/x-www-form-urlencoded";
        } else if (action.body != null && !action.body.isNull()) {
            JsonNode body = ctx.render(action.body);
            if (body.isTextual()) {
                call.body = body.asText();
                call.contentType = "text/plain; charset=utf-8";
            } else {
                call.body = body.toString();
                call.contentType = "application/json";
            }
        }
        call.auth = action.auth;
        call.followRedirects = action.followRedirects == null || action.followRedirects;
        call.insecure = action.tls != null && Boolean.TRUE.equals(action.tls.insecure);
        call.tls = action.tls;
        return call;
    }

    private static String formEncode(String s) {
        return URLEncoder.encode(s == null ? "" : s, StandardCharsets.UTF_8);
    }
}
