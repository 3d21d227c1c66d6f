package dev.itf.runner.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.itf.api.GraphqlAction;
import dev.itf.json.Json;
import dev.itf.runner.StepAction;
import dev.itf.runner.StepContext;
import dev.itf.runner.StepResponse;
import dev.itf.runner.auth.AuthProfiles;

import java.util.Map;

/** A graphql step: POST {query, variables, operationName} as JSON to the endpoint. */
public final class GraphqlStep implements StepAction {

    private final GraphqlAction action;
    private final Map<String, String> defaultHeaders;
    private final AuthProfiles auth;

    public GraphqlStep(GraphqlAction action, Map<String, String> defaultHeaders, AuthProfiles auth) {
        this.action = action;
        this.defaultHeaders = defaultHeaders == null ? Map.of() : defaultHeaders;
        this.auth = auth;
    }

    @Override
    public StepResponse execute(StepContext ctx) throws Exception {
        ObjectNode payload = Json.MAPPER.createObjectNode();
        payload.put("query", ctx.render(action.query));
        if (action.variables != null && !action.variables.isNull()) {
            payload.set("variables", ctx.render(action.variables));
        }
        if (action.operationName != null) {
            payload.put("operationName", ctx.render(action.operationName));
        }
        HttpCall call = new HttpCall("POST", ctx.render(action.url));
        defaultHeaders.forEach((k, v) -> call.headers.put(k, ctx.render(v)));
        action.headers.forEach((k, v) -> call.headers.put(k, ctx.render(v)));
        call.body = payload.toString();
        call.contentType = "application/json";
        call.auth = action.auth;
        call.insecure = action.tls != null && Boolean.TRUE.equals(action.tls.insecure);
        call.tls = action.tls;
        return call.send(ctx, auth);
    }
}
