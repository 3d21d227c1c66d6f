package dev.itf.runner.security;

import dev.itf.api.SecurityAction;
import dev.itf.api.SecurityChecks;
import dev.itf.json.Json;
import dev.itf.results.ErrorKind;
import dev.itf.results.Finding;
import dev.itf.runner.StepAction;
import dev.itf.runner.StepContext;
import dev.itf.runner.StepFailure;
import dev.itf.runner.StepResponse;
import dev.itf.runner.auth.AuthProfiles;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A security step (SPEC §7): runs the checks it sets against its requests and reports every finding, passed and
 * failed, on the step's result; fails (error kind security) when any finding failed, with a message listing them.
 * Credentials and forged tokens are registered with the run's redactor before they are sent, so no log, finding
 * or message shows one.
 */
public final class SecurityStep implements StepAction {

    private final SecurityAction action;
    private final AuthProfiles auth;

    public SecurityStep(SecurityAction action, AuthProfiles auth) {
        this.action = action;
        this.auth = auth;
    }

    @Override
    public StepResponse execute(StepContext ctx) throws Exception {
        long started = System.nanoTime();
        SecurityChecks checks = action.checks;
        if (checks == null || checks.kinds().isEmpty()) {
            throw new IllegalArgumentException("security.checks: set at least one of " + String.join(", ", SecurityChecks.KINDS));
        }
        String baseUrl = ctx.render(action.baseUrl);
        List<SecurityRequest> requests = new ArrayList<>();
        for (int i = 0; i < action.requests.size(); i++) {
            requests.add(SecurityRequest.parse("security.requests[" + i + "]", ctx.render(action.requests.get(i))));
        }
        String stepAuth = action.auth != null ? action.auth : checks.authentication != null ? checks.authentication.valid : null;
        if (AuthProfiles.NONE.equals(stepAuth)) {
            stepAuth = null;
        }
        Findings findings = new Findings(ctx.redactor());
        Scan scan = new Scan(ctx, new Probe(ctx, baseUrl, action.tls), auth, findings, requests, stepAuth);
        try {
            if (checks.authentication != null) {
                AuthenticationCheck.run(scan, checks.authentication);
            }
            if (checks.authorization != null) {
                AuthorizationCheck.run(scan, checks.authorization);
            }
            if (checks.headers != null || checks.cookies != null || checks.dataExposure != null) {
                List<Exchange> responses = new ArrayList<>();
                var credentials = scan.stepCredentials();
                for (SecurityRequest r : requests) {
                    responses.add(scan.send(r, credentials, stepAuth));
                }
                if (checks.headers != null) {
                    HeaderCheck.run(scan, responses, !credentials.isEmpty());
                }
                if (checks.cookies != null) {
                    CookieCheck.run(scan, checks.cookies, responses);
                }
            }
            if (checks.cors != null) {
                CorsCheck.run(scan, checks.cors);
            }
            if (checks.transport != null) {
                TransportCheck.run(scan, checks.transport, baseUrl, action.tls);
            }
            if (checks.rateLimit != null) {
                RateLimitCheck.run(scan, checks.rateLimit);
            }
            if (checks.dataExposure != null) {
                DataExposureCheck.run(scan, checks.dataExposure);
            }
        } finally {
            ctx.findings(findings.all());
        }
        List<Finding> failed = findings.failed();
        if (!failed.isEmpty()) {
            throw new StepFailure(ErrorKind.SECURITY, findings.failureMessage());
        }
        var summary = Json.MAPPER.createObjectNode().put("findings", findings.all().size()).put("failed", 0);
        return new StepResponse(null, java.util.Map.of(), summary.toString(), summary, Duration.ofNanos(System.nanoTime() - started));
    }
}
