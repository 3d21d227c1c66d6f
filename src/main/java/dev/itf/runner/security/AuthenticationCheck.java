package dev.itf.runner.security;

import dev.itf.api.SecurityChecks;
import dev.itf.runner.auth.AppliedAuth;

import java.util.List;

/** Each request refused (401) with every invalid credential, accepted (neither 401 nor 403) with the valid one. */
final class AuthenticationCheck {

    static final List<String> DEFAULT_INVALID = List.of("none", "malformed");

    private AuthenticationCheck() {
    }

    static void run(Scan scan, SecurityChecks.Authentication spec) throws Exception {
        List<String> invalid = spec.invalid == null || spec.invalid.isEmpty() ? DEFAULT_INVALID : spec.invalid;
        AppliedAuth valid = scan.auth.applied(spec.valid, scan.ctx);
        for (SecurityRequest r : scan.requests) {
            for (String variant : invalid) {
                AppliedAuth forged = scan.auth.invalid(spec.valid, variant, scan.ctx);
                Exchange x = scan.send(r, forged, variant);
                boolean refused = x.status() == 401;
                scan.findings.add("authentication", "authentication." + variant, r, refused, Findings.HIGH,
                        x.line() + (refused ? "" : ": a request with the " + variant + " credential must be refused with 401"));
            }
            Exchange x = scan.send(r, valid, "valid " + spec.valid);
            boolean accepted = x.status() != 401 && x.status() != 403;
            scan.findings.add("authentication", "authentication.valid", r, accepted, Findings.MEDIUM,
                    x.line() + (accepted ? "" : ": the valid credential must be accepted"));
        }
    }
}
