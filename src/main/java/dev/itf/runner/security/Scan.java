package dev.itf.runner.security;

import dev.itf.runner.StepContext;
import dev.itf.runner.auth.AppliedAuth;
import dev.itf.runner.auth.AuthProfiles;

import java.util.ArrayList;
import java.util.List;

/** What the checks of one security step share: the probe, the auth profiles, the findings and every exchange seen. */
final class Scan {
    final StepContext ctx;
    final Probe probe;
    final AuthProfiles auth;
    final Findings findings;
    final List<SecurityRequest> requests;
    /** The profile the requests of headers, cookies, cors and dataExposure carry; null for none. */
    final String stepAuth;
    final List<Exchange> seen = new ArrayList<>();

    Scan(StepContext ctx, Probe probe, AuthProfiles auth, Findings findings, List<SecurityRequest> requests, String stepAuth) {
        this.ctx = ctx;
        this.probe = probe;
        this.auth = auth;
        this.findings = findings;
        this.requests = requests;
        this.stepAuth = stepAuth;
    }

    AppliedAuth stepCredentials() throws Exception {
        return stepAuth == null ? AppliedAuth.none() : auth.applied(stepAuth, ctx);
    }

    /** Sends and remembers the exchange for dataExposure. */
    Exchange send(SecurityRequest request, AppliedAuth credentials, String credential) throws Exception {
        Exchange x = probe.send(request, credentials, credential);
        seen.add(x);
        return x;
    }
}
