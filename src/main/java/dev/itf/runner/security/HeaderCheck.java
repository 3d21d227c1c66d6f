package dev.itf.runner.security;

import dev.itf.http.Headers;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** The OWASP secure headers on every response (OWASP Secure Headers Project, REST Security Cheat Sheet). */
final class HeaderCheck {

    private static final Pattern VERSION = Pattern.compile("\\d+(\\.\\d+)*");

    private HeaderCheck() {
    }

    static void run(Scan scan, List<Exchange> responses, boolean authenticated) {
        for (Exchange x : responses) {
            Headers h = x.headers();
            String nosniff = h.first("X-Content-Type-Options");
            rule(scan, x, "headers.x-content-type-options", "nosniff".equalsIgnoreCase(trim(nosniff)), Findings.MEDIUM,
                    "X-Content-Type-Options: " + shown(nosniff) + " (want nosniff)");
            if (authenticated) {
                String cache = h.first("Cache-Control");
                rule(scan, x, "headers.cache-control", cache != null && cache.toLowerCase(Locale.ROOT).contains("no-store"), Findings.MEDIUM,
                        "Cache-Control: " + shown(cache) + " (want no-store on an authenticated response)");
            }
            String csp = h.first("Content-Security-Policy");
            String xfo = h.first("X-Frame-Options");
            boolean framing = (csp != null && csp.toLowerCase(Locale.ROOT).contains("frame-ancestors"))
                    || (xfo != null && (xfo.trim().equalsIgnoreCase("DENY") || xfo.trim().equalsIgnoreCase("SAMEORIGIN")));
            rule(scan, x, "headers.frame-options", framing, Findings.LOW,
                    "Content-Security-Policy: " + shown(csp) + ", X-Frame-Options: " + shown(xfo) + " (want frame-ancestors or DENY/SAMEORIGIN)");
            String referrer = h.first("Referrer-Policy");
            rule(scan, x, "headers.referrer-policy", referrer != null && !referrer.isBlank(), Findings.LOW,
                    "Referrer-Policy: " + shown(referrer));
            String server = h.first("Server");
            rule(scan, x, "headers.server", server == null || !VERSION.matcher(server).find(), Findings.LOW,
                    "Server: " + shown(server) + " (want no version)");
            String poweredBy = h.first("X-Powered-By");
            rule(scan, x, "headers.x-powered-by", poweredBy == null, Findings.LOW, "X-Powered-By: " + shown(poweredBy) + " (want none)");
        }
    }

    private static void rule(Scan scan, Exchange x, String rule, boolean passed, String severity, String evidence) {
        scan.findings.add("headers", rule, x.request(), passed, severity, x.line() + ": " + evidence);
    }

    private static String trim(String s) {
        return s == null ? null : s.trim();
    }

    private static String shown(String value) {
        return value == null ? "(absent)" : value;
    }
}
