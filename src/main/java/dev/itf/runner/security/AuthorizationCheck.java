package dev.itf.runner.security;

import com.fasterxml.jackson.databind.JsonNode;
import dev.itf.api.SecurityChecks;
import dev.itf.json.Json;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Object and function level authorization: allowed profiles get a 2xx, denied ones 403 or 404 and none of the
 * allowed response's data. Denied profiles go first, so a request that changes state (DELETE) is tried by the ones
 * who must not before the one who may.
 */
final class AuthorizationCheck {

    /** Values shorter than this are too common (true, 12, "ok") to prove a leak. */
    private static final int MIN_VALUE = 4;

    private AuthorizationCheck() {
    }

    static void run(Scan scan, List<SecurityChecks.AuthorizationRule> rules) throws Exception {
        for (int i = 0; i < rules.size(); i++) {
            SecurityChecks.AuthorizationRule rule = rules.get(i);
            SecurityRequest r = SecurityRequest.parse("authorization[" + i + "].request", scan.ctx.render(rule.request));
            List<Exchange> denied = new ArrayList<>();
            for (String profile : rule.deny) {
                Exchange x = scan.send(r, scan.auth.applied(profile, scan.ctx), profile);
                denied.add(x);
            }
            Exchange allowedBody = null;
            for (String profile : rule.allow) {
                Exchange x = scan.send(r, scan.auth.applied(profile, scan.ctx), profile);
                scan.findings.add("authorization", "authorization.allow", r, x.ok(), Findings.MEDIUM,
                        x.line() + (x.ok() ? "" : ": " + profile + " is allowed and must get a 2xx"));
                if (x.ok() && allowedBody == null) {
                    allowedBody = x;
                }
            }
            Set<String> data = allowedBody == null ? Set.of() : values(allowedBody.body(), r.toString());
            for (Exchange x : denied) {
                boolean refused = x.status() == 403 || x.status() == 404;
                String leaked = data.stream().filter(v -> x.body() != null && x.body().contains(v)).findFirst().orElse(null);
                boolean passed = refused && leaked == null;
                String why = !refused ? ": " + x.credential() + " is denied and must get 403 or 404"
                        : leaked != null ? ": the response holds data of the allowed response (" + leaked.length() + " characters)" : "";
                scan.findings.add("authorization", "authorization.deny", r, passed, Findings.HIGH, x.line() + why);
            }
        }
    }

    /** The allowed response's distinctive values: JSON leaves (or the whole text), none that the request line shows. */
    static Set<String> values(String body, String requestLine) {
        Set<String> out = new LinkedHashSet<>();
        JsonNode json = Json.parseOrNull(body);
        if (json == null) {
            if (body != null && body.strip().length() >= 16) {
                out.add(body.strip());
            }
            return out;
        }
        collect(json, out);
        out.removeIf(v -> v.length() < MIN_VALUE || requestLine.contains(v));
        return out;
    }

    private static void collect(JsonNode node, Set<String> out) {
        if (node.isContainerNode()) {
            node.forEach(child -> collect(child, out));
        } else if (node.isTextual() || node.isNumber()) {
            out.add(node.asText());
        }
    }
}
