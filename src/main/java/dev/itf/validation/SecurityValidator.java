package dev.itf.validation;

import dev.itf.api.AuthProfile;
import dev.itf.api.SecurityAction;
import dev.itf.api.SecurityChecks;
import dev.itf.api.Step;
import dev.itf.api.TestCase;
import dev.itf.api.TestSuiteSpec;
import dev.itf.api.TlsOptions;
import dev.itf.results.ComplianceProfiles;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What a schema cannot say about security steps, TLS options and compliance (SPEC §7); paths start with spec. */
final class SecurityValidator {

    private static final Pattern REQUEST = Pattern.compile("^(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS) (/|https?://|\\$\\{)\\S*$");
    private static final Pattern ONLY_VARIABLE = Pattern.compile("^\\$\\{([A-Za-z_][A-Za-z0-9_-]*)}(.*)$");
    private static final List<String> PROTOCOLS = List.of("TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3");

    private SecurityValidator() {
    }

    static void validate(ProblemList problems, TestSuiteSpec spec) {
        List<String> profiles = ComplianceProfiles.ids();
        if (spec.compliance != null) {
            for (int i = 0; i < spec.compliance.size(); i++) {
                String p = spec.compliance.get(i);
                if (!profiles.contains(p)) {
                    problems.add("spec.compliance[" + i + "]", "unknown compliance profile \"" + p + "\"; use one of " + String.join(", ", profiles));
                }
            }
        }
        Map<String, AuthProfile> auth = spec.auth == null ? Map.of() : spec.auth;
        Map<String, String> variables = spec.variables == null ? Map.of() : spec.variables;
        for (int i = 0; spec.cases != null && i < spec.cases.size(); i++) {
            TestCase c = spec.cases.get(i);
            if (c == null) {
                continue;
            }
            String casePath = "spec.cases[" + i + "]";
            for (int j = 0; c.controls != null && j < c.controls.size(); j++) {
                String control = c.controls.get(j);
                int colon = control == null ? -1 : control.indexOf(':');
                String profile = colon < 0 ? control : control.substring(0, colon);
                if (colon < 0 || !profiles.contains(profile)) {
                    problems.add(casePath + ".controls[" + j + "]", "\"" + control + "\" is not PROFILE:CONTROL with a known profile ("
                            + String.join(", ", profiles) + "), e.g. gdpr:art17");
                }
            }
            for (int j = 0; c.steps != null && j < c.steps.size(); j++) {
                Step step = c.steps.get(j);
                if (step == null) {
                    continue;
                }
                String stepPath = casePath + ".steps[" + j + "]";
                if (step.http != null) {
                    tls(problems, stepPath + ".http.tls", step.http.tls);
                }
                if (step.graphql != null) {
                    tls(problems, stepPath + ".graphql.tls", step.graphql.tls);
                }
                if (step.security != null) {
                    security(problems, stepPath + ".security", step.security, auth, variables);
                }
            }
        }
    }

    private static void tls(ProblemList problems, String path, TlsOptions tls) {
        if (tls == null) {
            return;
        }
        if (tls.ca != null && tls.caSecretRef != null) {
            problems.add(path, "set ca or caSecretRef, not both");
        }
        if (Boolean.TRUE.equals(tls.insecure) && (tls.ca != null || tls.caSecretRef != null)) {
            problems.add(path + ".insecure", "insecure accepts any certificate: leave it out when a CA is given");
        }
        if (tls.caSecretRef != null) {
            problems.required(path + ".caSecretRef.name", tls.caSecretRef.name);
        }
    }

    private static void security(ProblemList problems, String path, SecurityAction s, Map<String, AuthProfile> auth,
                                 Map<String, String> variables) {
        tls(problems, path + ".tls", s.tls);
        if (problems.required(path + ".baseUrl", s.baseUrl)) {
            problems.template(path + ".baseUrl", s.baseUrl);
        }
        for (int i = 0; i < s.requests.size(); i++) {
            request(problems, path + ".requests[" + i + "]", s.requests.get(i));
        }
        profile(problems, path + ".auth", s.auth, auth, true);
        SecurityChecks checks = s.checks;
        if (!problems.required(path + ".checks", checks)) {
            return;
        }
        if (checks.kinds().isEmpty()) {
            problems.add(path + ".checks", "set at least one check: " + String.join(", ", SecurityChecks.KINDS));
            return;
        }
        boolean needsRequests = checks.authentication != null || checks.headers != null || checks.cookies != null
                || checks.cors != null || checks.dataExposure != null;
        if (needsRequests && s.requests.isEmpty()) {
            problems.add(path + ".requests", "list the endpoints the checks apply to, e.g. [GET /api/v1/orders]");
        }
        String c = path + ".checks";
        if (checks.authentication != null) {
            authentication(problems, c + ".authentication", checks.authentication, auth);
        }
        if (checks.authorization != null) {
            if (checks.authorization.isEmpty()) {
                problems.add(c + ".authorization", "list at least one row {request, allow, deny}");
            }
            for (int i = 0; i < checks.authorization.size(); i++) {
                SecurityChecks.AuthorizationRule r = checks.authorization.get(i);
                String rp = c + ".authorization[" + i + "]";
                if (r == null) {
                    problems.add(rp, "is empty");
                    continue;
                }
                if (problems.required(rp + ".request", r.request)) {
                    request(problems, rp + ".request", r.request);
                }
                if (r.allow.isEmpty() && r.deny.isEmpty()) {
                    problems.add(rp, "name the auth profiles in allow, deny or both");
                }
                for (int k = 0; k < r.allow.size(); k++) {
                    profile(problems, rp + ".allow[" + k + "]", r.allow.get(k), auth, false);
                }
                for (int k = 0; k < r.deny.size(); k++) {
                    profile(problems, rp + ".deny[" + k + "]", r.deny.get(k), auth, false);
                }
            }
        }
        if (checks.transport != null) {
            String base = resolved(s.baseUrl, variables);
            if (base != null && !base.startsWith("https://") && !base.startsWith("${")) {
                problems.add(path + ".baseUrl", "the transport check needs an https:// baseUrl, not " + base
                        + "; point baseUrl at the service's TLS endpoint or leave transport out");
            }
            SecurityChecks.Transport t = checks.transport;
            if (t.minVersion != null && !PROTOCOLS.contains(t.minVersion)) {
                problems.add(c + ".transport.minVersion", "\"" + t.minVersion + "\" is none of " + String.join(", ", PROTOCOLS));
            }
            String redirect = resolved(t.httpRedirect, variables);
            if (redirect != null && !redirect.startsWith("http://") && !redirect.startsWith("${")) {
                problems.add(c + ".transport.httpRedirect", "must be a plain http:// URL of the service, not " + redirect);
            }
            if (t.certificate != null && t.certificate.minDaysValid != null && t.certificate.minDaysValid < 0) {
                problems.add(c + ".transport.certificate.minDaysValid", "must be 0 or more days");
            }
        }
        if (checks.headers != null && !checks.headers.equals("owasp")) {
            problems.add(c + ".headers", "\"" + checks.headers + "\" is not a header set; the one there is: owasp");
        }
        if (checks.cors != null && checks.cors.allowedOrigins.stream().anyMatch(o -> o == null || !o.matches("^https?://\\S+$"))) {
            problems.add(c + ".cors.allowedOrigins", "origins are scheme://host[:port], e.g. https://app.example.com");
        }
        if (checks.dataExposure != null) {
            for (int i = 0; i < checks.dataExposure.size(); i++) {
                String kind = checks.dataExposure.get(i);
                if (!SecurityChecks.DATA_KINDS.contains(kind)) {
                    problems.add(c + ".dataExposure[" + i + "]", "unknown kind \"" + kind + "\"; use " + String.join(", ", SecurityChecks.DATA_KINDS));
                }
            }
        }
        if (checks.rateLimit != null) {
            SecurityChecks.RateLimit r = checks.rateLimit;
            if (problems.required(c + ".rateLimit.request", r.request)) {
                request(problems, c + ".rateLimit.request", r.request);
            }
            if (problems.required(c + ".rateLimit.burst", r.burst) && r.burst < 1) {
                problems.add(c + ".rateLimit.burst", "must be at least 1");
            }
            problems.duration(c + ".rateLimit.within", r.within);
            profile(problems, c + ".rateLimit.auth", r.auth, auth, true);
        }
    }

    private static void authentication(ProblemList problems, String path, SecurityChecks.Authentication a, Map<String, AuthProfile> auth) {
        if (!problems.required(path + ".valid", a.valid)) {
            return;
        }
        profile(problems, path + ".valid", a.valid, auth, false);
        AuthProfile valid = auth.get(a.valid);
        for (int i = 0; i < a.invalid.size(); i++) {
            String v = a.invalid.get(i);
            String p = path + ".invalid[" + i + "]";
            if (v == null) {
                problems.add(p, "is empty");
            } else if (SecurityChecks.INVALID_VARIANTS.contains(v)) {
                if (valid != null && v.equals("expired") && valid.jwt == null) {
                    problems.add(p, "expired needs valid to be a jwt auth profile (ITF signs the expired token with its key); "
                            + a.valid + " is not one");
                }
                if (valid != null && (v.equals("unsigned") || v.equals("wrongKey")) && (valid.basic != null || valid.apiKey != null)) {
                    problems.add(p, v + " forges a JWT bearer token; auth profile " + a.valid + " sends " + (valid.basic != null ? "basic" : "apiKey")
                            + " credentials");
                }
            } else if (!auth.containsKey(v)) {
                problems.add(p, "\"" + v + "\" is neither a built-in variant (" + String.join(", ", SecurityChecks.INVALID_VARIANTS)
                        + ") nor an auth profile of spec.auth" + (auth.isEmpty() ? "" : " (" + String.join(", ", new java.util.TreeSet<>(auth.keySet())) + ")"));
            }
        }
    }

    private static void profile(ProblemList problems, String path, String name, Map<String, AuthProfile> auth, boolean noneAllowed) {
        if (name == null || (noneAllowed && name.equals("none")) || name.contains("${")) {
            return;
        }
        if (!auth.containsKey(name)) {
            problems.add(path, "auth profile \"" + name + "\" is not defined"
                    + (auth.isEmpty() ? "; spec.auth is empty" : "; spec.auth has " + String.join(", ", new java.util.TreeSet<>(auth.keySet()))));
        }
    }

    private static void request(ProblemList problems, String path, String request) {
        if (request == null || !REQUEST.matcher(request.trim()).matches()) {
            problems.add(path, "\"" + request + "\" is not METHOD PATH, e.g. GET /api/v1/orders");
        } else {
            problems.template(path, request);
        }
    }

    /** The text with a leading ${variable} replaced by the suite variable's value, when it has one. */
    private static String resolved(String text, Map<String, String> variables) {
        if (text == null) {
            return null;
        }
        Matcher m = ONLY_VARIABLE.matcher(text.trim());
        if (m.matches() && variables.containsKey(m.group(1))) {
            return variables.get(m.group(1)) + m.group(2);
        }
        return text.trim();
    }
}
