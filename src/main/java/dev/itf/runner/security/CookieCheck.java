package dev.itf.runner.security;

import dev.itf.api.SecurityChecks;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Every Set-Cookie carries the attributes asked for. Evidence names the cookie, never its value. */
final class CookieCheck {

    private CookieCheck() {
    }

    static void run(Scan scan, SecurityChecks.Cookies spec, List<Exchange> responses) {
        int cookies = 0;
        for (Exchange x : responses) {
            for (String setCookie : x.headers().all("Set-Cookie")) {
                cookies++;
                String[] parts = setCookie.split(";");
                int eq = parts[0].indexOf('=');
                String name = (eq < 0 ? parts[0] : parts[0].substring(0, eq)).trim();
                boolean secure = false;
                boolean httpOnly = false;
                String sameSite = null;
                for (int i = 1; i < parts.length; i++) {
                    String a = parts[i].trim();
                    String lower = a.toLowerCase(Locale.ROOT);
                    if (lower.equals("secure")) {
                        secure = true;
                    } else if (lower.equals("httponly")) {
                        httpOnly = true;
                    } else if (lower.startsWith("samesite=")) {
                        sameSite = a.substring(9).trim();
                    }
                }
                List<String> attributes = new ArrayList<>();
                if (secure) attributes.add("Secure");
                if (httpOnly) attributes.add("HttpOnly");
                if (sameSite != null) attributes.add("SameSite=" + sameSite);
                String shown = x.line() + ": cookie " + name + " with " + (attributes.isEmpty() ? "no attributes" : String.join(", ", attributes));
                if (Boolean.TRUE.equals(spec.secure)) {
                    scan.findings.add("cookies", "cookies.secure", x.request(), secure, Findings.MEDIUM, shown + (secure ? "" : " (want Secure)"));
                }
                if (Boolean.TRUE.equals(spec.httpOnly)) {
                    scan.findings.add("cookies", "cookies.httponly", x.request(), httpOnly, Findings.MEDIUM,
                            shown + (httpOnly ? "" : " (want HttpOnly)"));
                }
                if (Boolean.TRUE.equals(spec.sameSite)) {
                    boolean ok = sameSite != null && (sameSite.equalsIgnoreCase("Lax") || sameSite.equalsIgnoreCase("Strict"));
                    scan.findings.add("cookies", "cookies.samesite", x.request(), ok, Findings.LOW,
                            shown + (ok ? "" : " (want SameSite=Lax or Strict)"));
                }
            }
        }
        if (cookies == 0) {
            scan.findings.add("cookies", "cookies", null, true, Findings.LOW, "no Set-Cookie in " + responses.size() + " responses");
        }
    }
}
