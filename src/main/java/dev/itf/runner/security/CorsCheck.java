package dev.itf.runner.security;

import dev.itf.api.SecurityChecks;
import dev.itf.runner.auth.AppliedAuth;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A foreign Origin is never allowed with credentials: neither the request itself nor its preflight may answer
 * Access-Control-Allow-Origin with that origin (or * or null) together with Access-Control-Allow-Credentials: true.
 */
final class CorsCheck {

    static final String FOREIGN = "https://foreign-origin.itf.invalid";

    private CorsCheck() {
    }

    static void run(Scan scan, SecurityChecks.Cors spec) throws Exception {
        String foreign = spec.allowedOrigins.contains(FOREIGN) ? FOREIGN.replace("foreign", "other") : FOREIGN;
        AppliedAuth credentials = scan.stepCredentials();
        for (SecurityRequest r : scan.requests) {
            Map<String, String> origin = Map.of("Origin", foreign);
            Exchange actual = scan.probe.send(r, credentials, "Origin " + foreign, origin);
            scan.seen.add(actual);
            verdict(scan, actual, foreign, "cors.credentials");
            Map<String, String> preflight = new LinkedHashMap<>(origin);
            preflight.put("Access-Control-Request-Method", r.method());
            preflight.put("Access-Control-Request-Headers", "authorization, content-type");
            Exchange pre = scan.probe.send(new SecurityRequest("OPTIONS", r.path()), AppliedAuth.none(), "preflight from " + foreign, preflight);
            verdict(scan, pre, foreign, "cors.preflight");
        }
    }

    private static void verdict(Scan scan, Exchange x, String foreign, String rule) {
        String allowOrigin = x.headers().first("Access-Control-Allow-Origin");
        String allowCredentials = x.headers().first("Access-Control-Allow-Credentials");
        String o = allowOrigin == null ? null : allowOrigin.trim();
        boolean foreignAllowed = o != null && (o.equals(foreign) || o.equals("*") || o.equals("null"));
        boolean withCredentials = allowCredentials != null && allowCredentials.trim().equalsIgnoreCase("true");
        boolean passed = !(foreignAllowed && withCredentials);
        scan.findings.add("cors", rule, x.request(), passed, Findings.HIGH, x.line() + ": Access-Control-Allow-Origin: "
                + (o == null ? "(absent)" : o) + ", Access-Control-Allow-Credentials: " + (allowCredentials == null ? "(absent)" : allowCredentials)
                + (passed ? "" : " (a foreign origin may read responses with the user's credentials)"));
    }
}
