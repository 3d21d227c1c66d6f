package dev.itf.report;

import static org.assertj.core.api.Assertions.assertThat;
import dev.itf.results.CaseResult;
import dev.itf.results.Compliance;
import dev.itf.results.Finding;
import dev.itf.results.LoadResult;
import dev.itf.results.RunResult;
import dev.itf.results.StepResult;
import dev.itf.runner.RunOptions;
import dev.itf.runner.Suites;
import dev.itf.runner.TestServer;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real run of a suite against a local server, with passing, failing, errored and flaky cases, case fields and
 * secrets (a bearer header, a basic-auth password, a credential variable) that no report may show. Load and
 * security data are added to two of its steps as those steps would record them.
 */
final class SampleRun implements AutoCloseable {

    static final String SECRET_TOKEN = "very-secret-token-4711";
    static final String SECRET_PASSWORD = "basic-pa55word-0815";
    static final String SECRET_VARIABLE = "s3cr3t-db-value-42";
    static final List<String> SECRETS = List.of(SECRET_TOKEN, SECRET_PASSWORD, SECRET_VARIABLE);

    private static final String SUITE = """
            spec:
              description: Orders API with deliberate failures
              variables: {ordersUrl: "${base}/orders", dbPassword: "%s"}
              auth:
                admin: {basic: {username: admin, password: "%s"}}
              cases:
                - id: API_001
                  title: List orders
                  tags: [smoke]
                  owner: team-orders
                  links: [{name: ORD-1, url: "https://tracker.example.com/ORD-1"}]
                  steps:
                    - name: list
                      http: {url: "${ordersUrl}", headers: {Authorization: "Bearer %s"}}
                      expect: {status: 200, jsonPath: [{path: "$[0].status", equals: NEW}]}
                - id: API_002
                  title: Order status is SHIPPED <after> "payment" & more
                  severity: high
                  controls: ["gdpr:art17"]
                  steps:
                    - name: list as admin
                      http: {url: "${ordersUrl}", auth: admin}
                      expect: {status: 200, jsonPath: [{path: "$[0].status", equals: SHIPPED}]}
                - id: API_003
                  title: Payments service answers
                  severity: low
                  steps:
                    - name: pay
                      http: {url: "http://127.0.0.1:1/pay", timeout: 2s}
                - id: API_004
                  title: Warm-up sometimes fails
                  retries: 1
                  steps:
                    - name: warm up
                      http: {url: "${base}/flaky"}
                      expect: {status: 200}
                - id: LOAD_001
                  title: Browse under load
                  tags: [load]
                  steps:
                    - name: browse
                      http: {url: "${ordersUrl}"}
                - id: SEC_001
                  title: Orders API security
                  tags: [security]
                  steps:
                    - name: orders security
                      http: {url: "${ordersUrl}"}
            """.formatted(SECRET_VARIABLE, SECRET_PASSWORD, SECRET_TOKEN);

    final TestServer server;
    final RunResult result;

    SampleRun() throws Exception {
        AtomicInteger flaky = new AtomicInteger();
        server = TestServer.http()
                .fixed("/orders", 200, "application/json", "[{\"id\":1,\"status\":\"NEW\"}]")
                .route("/flaky", ex -> TestServer.respond(ex, flaky.incrementAndGet() == 1 ? 503 : 200, "text/plain", "warm"));
        RunOptions o = new RunOptions();
        o.variables.put("base", server.url());
        o.variables.put("apiToken", SECRET_TOKEN);
        result = Suites.run(SUITE, o);
        // the reports' tests count on these outcomes: say which case differs rather than a count in a report
        assertThat(result.cases).extracting(c -> c.caseId + " " + c.outcome + (c.flaky ? " flaky" : "") + " " + c.message)
                .containsExactly("API_001 PASSED null", "API_002 FAILED " + message("API_002"), "API_003 ERRORED " + message("API_003"),
                        "API_004 PASSED flaky null", "LOAD_001 PASSED null", "SEC_001 PASSED null");
        addLoad(step("LOAD_001"));
        addFindings(step("SEC_001"));
        result.compliance = compliance();
    }

    private String message(String caseId) {
        return result.cases.stream().filter(r -> r.caseId.equals(caseId)).findFirst().map(r -> r.message).orElse(null);
    }

    private StepResult step(String caseId) {
        CaseResult c = result.cases.stream().filter(r -> r.caseId.equals(caseId)).findFirst().orElseThrow();
        return c.steps.get(0);
    }

    /** What a 20-second open-model load step records. */
    static void addLoad(StepResult step) {
        LoadResult l = new LoadResult();
        l.model = "open";
        l.requests = 4000L;
        l.errors = 12L;
        l.errorsByKind.put("status", 12L);
        l.byStatus.put("200", 3988L);
        l.byStatus.put("503", 12L);
        l.dropped = 0L;
        l.measuredMs = 20_000L;
        l.throughput = 199.4;
        l.latencyMs.put("min", 0.8);
        l.latencyMs.put("mean", 12.4);
        l.latencyMs.put("p50", 9.1);
        l.latencyMs.put("p90", 21.0);
        l.latencyMs.put("p95", 33.5);
        l.latencyMs.put("p99", 88.2);
        l.latencyMs.put("p99.9", 140.0);
        l.latencyMs.put("max", 201.3);
        for (int s = 0; s < 20; s++) {
            LoadResult.Second sec = new LoadResult.Second();
            sec.second = s;
            sec.requests = 195 + (s % 5) * 2;
            sec.errors = s == 7 ? 12 : 0;
            sec.p50Ms = 8.0 + (s % 4);
            sec.p95Ms = 25.0 + (s % 6) * 3;
            sec.p99Ms = s == 7 ? 160.0 : 60.0 + s;
            sec.inFlight = 3L + s % 3;
            l.timeline.add(sec);
        }
        l.thresholds.add(threshold("p95", "50ms", "33.5ms", true));
        l.thresholds.add(threshold("errorRate", "0.1%", "0.3%", false));
        l.thresholds.add(threshold("throughput", "150/s", "199.4/s", true));
        LoadResult.Threshold cpu = threshold("resources:orders-api:cpu", "80%", null, null);
        cpu.reason = "outside a cluster";
        l.thresholds.add(cpu);
        step.load = l;
    }

    private static LoadResult.Threshold threshold(String name, String limit, String actual, Boolean passed) {
        LoadResult.Threshold t = new LoadResult.Threshold();
        t.name = name;
        t.limit = limit;
        t.actual = actual;
        t.passed = passed;
        return t;
    }

    static void addFindings(StepResult step) {
        step.findings = List.of(
                finding("authentication", null, "GET /api/v1/orders", false, "high",
                        "GET /api/v1/orders with an expired token: 200 (expected 401); Authorization: ******",
                        List.of("owasp-api-2023:API2", "cwe-top25-2024:CWE-287")),
                finding("headers", "headers.x-content-type-options", "GET /api/v1/orders", false, "low",
                        "GET /api/v1/orders: 200 without X-Content-Type-Options: nosniff", List.of("owasp-api-2023:API8")),
                finding("transport", null, "GET /api/v1/orders", true, "high", "TLSv1.3, certificate valid 300 days",
                        List.of("pci-dss-4.0:4.2.1")));
    }

    private static Finding finding(String check, String rule, String request, boolean passed, String severity, String evidence,
                                   List<String> controls) {
        Finding f = new Finding();
        f.check = check;
        f.rule = rule;
        f.request = request;
        f.passed = passed;
        f.severity = severity;
        f.evidence = evidence;
        f.controls = controls;
        return f;
    }

    static Compliance compliance() {
        Compliance c = new Compliance();
        Compliance.Profile owasp = new Compliance.Profile();
        owasp.profile = "owasp-api-2023";
        owasp.controls.add(control("owasp-api-2023:API2", "Broken Authentication", Compliance.Control.FAILED, "authentication", "SEC_001"));
        owasp.controls.add(control("owasp-api-2023:API8", "Security Misconfiguration", Compliance.Control.FAILED, "headers", "SEC_001"));
        owasp.controls.add(control("owasp-api-2023:API1", "Broken Object Level Authorization", Compliance.Control.NOT_TESTED, null, null));
        owasp.coverage = 2 / 3.0;
        Compliance.Profile pci = new Compliance.Profile();
        pci.profile = "pci-dss-4.0";
        pci.controls.add(control("pci-dss-4.0:4.2.1", "Strong cryptography in transit", Compliance.Control.PASSED, "transport", "SEC_001"));
        pci.coverage = 1.0;
        c.profiles.add(owasp);
        c.profiles.add(pci);
        return c;
    }

    private static Compliance.Control control(String id, String title, String status, String check, String caseId) {
        Compliance.Control ctl = new Compliance.Control();
        ctl.control = id;
        ctl.title = title;
        ctl.status = status;
        if (check != null) {
            ctl.checks.add(check);
            ctl.cases.add(caseId);
            ctl.evidence.add(check + " on GET /api/v1/orders");
        }
        return ctl;
    }

    @Override
    public void close() {
        server.close();
    }
}
