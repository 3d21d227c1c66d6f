package dev.itf.cli;

import dev.itf.api.RunPhase;
import dev.itf.api.TestRun;
import dev.itf.api.TestRunStatus;
import dev.itf.api.TestSuite;
import dev.itf.json.Json;
import dev.itf.results.CaseResult;
import dev.itf.results.Outcome;
import dev.itf.results.RunResult;
import dev.itf.runner.TestServer;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** {@code itf submit} against the mock API server in CRUD mode; the test plays the operator by writing the run's status. */
class SubmitCommandTest {

    private static final Duration DEADLINE = Duration.ofSeconds(60);
    private static final String NS = "team-a";

    private static KubernetesMockServer server;
    private static KubernetesClient client;

    @TempDir
    Path dir;
    private TestServer reports;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    /** What an earlier test of the same JVM left in kubernetes.* system properties, which the client reads before any kubeconfig. */
    private static final java.util.Properties LEFT_OVER = new java.util.Properties();

    @BeforeAll
    static void startServer() {
        for (String name : System.getProperties().stringPropertyNames()) {
            if (name.startsWith("kubernetes.")) {
                LEFT_OVER.setProperty(name, System.getProperty(name));
                System.clearProperty(name);
            }
        }
        server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), new KubernetesCrudDispatcher(), false);
        server.init();
        client = server.createClient();
    }

    @AfterAll
    static void stopServer() {
        client.close();
        server.destroy();
        LEFT_OVER.forEach((name, value) -> System.setProperty((String) name, (String) value));
    }

    @BeforeEach
    void startReports() throws Exception {
        reports = TestServer.http();
    }

    @AfterEach
    void clean() {
        reports.close();
        client.resources(TestRun.class).inAnyNamespace().delete();
        await().atMost(DEADLINE).until(() -> client.resources(TestRun.class).inAnyNamespace().list().getItems().isEmpty());
    }

    private Path kubeconfig(String token) throws Exception {
        return file("kubeconfig", """
                apiVersion: v1
                kind: Config
                clusters: [{name: mock, cluster: {server: "%s"}}]
                users: [{name: ci, user: {token: %s}}]
                contexts:
                  - {name: mock, context: {cluster: mock, user: ci, namespace: %s}}
                  - {name: other, context: {cluster: mock, user: ci}}
                current-context: mock
                """.formatted(server.url("/"), token, NS));
    }

    private Path file(String name, String text) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    private Path suiteFile() throws Exception {
        return file("suite.yaml", """
                apiVersion: v1
                kind: Secret
                metadata: {name: orders-admin}
                stringData: {username: admin, password: s3cret-value}
                ---
                apiVersion: itf.dev/v1alpha1
                kind: TestSuite
                metadata: {name: orders-api}
                spec:
                  auth:
                    admin: {basic: {secretRef: {name: orders-admin}}}
                  cases:
                    - id: API_001
                      title: List orders
                      steps:
                        - http: {url: "http://orders:8080/api/v1/orders", auth: admin}
                          expect: {status: 200}
                """);
    }

    private CompletableFuture<Integer> submit(Consumer<Object> configure, String... args) {
        return submit(name -> null, configure, args);
    }

    private CompletableFuture<Integer> submit(java.util.function.Function<String, String> env, Consumer<Object> configure, String... args) {
        return CompletableFuture.supplyAsync(() -> ItfCommand.execute(env, configure,
                new PrintWriter(out, true), new PrintWriter(err, true), prepend(args)));
    }

    private int submitNow(String... args) {
        return ItfCommand.execute(name -> null, made -> { }, new PrintWriter(out, true), new PrintWriter(err, true), prepend(args));
    }

    private static String[] prepend(String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "submit";
        System.arraycopy(args, 0, all, 1, args.length);
        return all;
    }

    private TestRun awaitRun() {
        await().atMost(DEADLINE).until(() -> client.resources(TestRun.class).inNamespace(NS).list().getItems().size() == 1);
        return client.resources(TestRun.class).inNamespace(NS).list().getItems().get(0);
    }

    /** Writes the status as the operator would. */
    private void status(TestRun run, Consumer<TestRunStatus> change) {
        TestRun current = client.resources(TestRun.class).inNamespace(NS).withName(run.getMetadata().getName()).get();
        TestRunStatus status = current.getStatus() == null ? new TestRunStatus() : current.getStatus();
        change.accept(status);
        current.setStatus(status);
        client.resources(TestRun.class).inNamespace(NS).resource(current).updateStatus();
    }

    private static TestRunStatus.Summary summary(int total, int passed, int failed) {
        TestRunStatus.Summary s = new TestRunStatus.Summary();
        s.total = total;
        s.passed = passed;
        s.failed = failed;
        return s;
    }

    private static CaseResult caseResult(String id, Outcome outcome) {
        CaseResult c = new CaseResult();
        c.caseId = id;
        c.title = "Case " + id;
        c.outcome = outcome;
        c.attempt = 1;
        c.durationMs = 12;
        if (outcome != Outcome.PASSED) {
            c.message = "step 1: status: expected 200, got 500";
        }
        return c;
    }

    /** The reports API: answers with the given cases to the bearer token ci-token, 401 to anything else. */
    private String serveReport(TestRun run, List<CaseResult> cases) {
        String path = "/api/v1/reports/" + NS + "/" + run.getMetadata().getName();
        reports.route(path, ex -> {
            if (!"Bearer ci-token".equals(ex.getRequestHeaders().getFirst("Authorization"))) {
                TestServer.respond(ex, 401, "application/json", "{\"error\":\"a bearer token is required\"}");
                return;
            }
            RunResult r = new RunResult();
            r.suite = "orders-api";
            r.cases = cases;
            r.summary = RunResult.summarize(cases);
            TestServer.respond(ex, 200, "application/json", Json.MAPPER.writeValueAsString(r));
        });
        return reports.url() + path;
    }

    @Test
    void appliesFilesFollowsARunThatPassesAndWritesItsReports() throws Exception {
        Path reportDir = dir.resolve("reports");
        CompletableFuture<Integer> exit = submit(made -> { }, "--kubeconfig", kubeconfig("ci-token").toString(),
                "--apply", suiteFile().toString(), "--suite", "orders-api", "--var", "region=eu", "--wait", "--timeout", "60s",
                "--report-dir", reportDir.toString(), "--format", "junit,json", "--poll-interval", "50ms");
        TestRun run = awaitRun();
        assertThat(run.getMetadata().getName()).startsWith("orders-api-");
        assertThat(run.getSpec().suiteRef.name).isEqualTo("orders-api");
        assertThat(run.getSpec().variables).containsEntry("region", "eu");
        assertThat(client.resources(TestSuite.class).inNamespace(NS).withName("orders-api").get()).isNotNull();
        assertThat(client.secrets().inNamespace(NS).withName("orders-admin").get()).isNotNull();

        List<CaseResult> cases = new java.util.ArrayList<>(List.of(caseResult("API_001", Outcome.PASSED)));
        String reportUrl = serveReport(run, cases);
        status(run, s -> {
            s.phase = RunPhase.Running;
            s.reportUrl = reportUrl;
            s.summary = summary(2, 1, 0);
        });
        await().atMost(DEADLINE).until(() -> out.toString().contains("PASS API_001"));
        cases.add(caseResult("API_002", Outcome.PASSED));
        status(run, s -> {
            s.phase = RunPhase.Succeeded;
            s.summary = summary(2, 2, 0);
            s.duration = "3s";
        });

        assertThat(exit.get(DEADLINE.toSeconds(), TimeUnit.SECONDS)).as(err.toString()).isZero();
        String printed = out.toString();
        assertThat(printed).contains("secret/orders-admin applied in namespace team-a", "testsuite/orders-api applied",
                "testrun.itf.dev/" + run.getMetadata().getName() + " created in namespace team-a",
                ": Running", "PASS API_002", "ID       TITLE", "2 cases: 2 passed (0 flaky), 0 failed",
                "TestRun team-a/" + run.getMetadata().getName() + ": Succeeded in 3s");
        assertThat(printed + err).doesNotContain("s3cret-value");
        assertThat(reportDir.resolve("junit.xml")).content().contains("API_002");
        assertThat(reportDir.resolve("itf-results.json")).exists();
        assertThat(reports.requests).isNotEmpty().allSatisfy(r -> assertThat(r.header("Authorization")).isEqualTo("Bearer ci-token"));
    }

    @Test
    void aFailedRunExitsOneAndAnErroredRunThree() throws Exception {
        CompletableFuture<Integer> failed = submit(made -> { }, "--kubeconfig", kubeconfig("ci-token").toString(),
                "--suite", "orders-api", "--wait", "--poll-interval", "50ms");
        TestRun run = awaitRun();
        String reportUrl = serveReport(run, List.of(caseResult("API_001", Outcome.PASSED), caseResult("API_007", Outcome.FAILED)));
        status(run, s -> {
            s.phase = RunPhase.Failed;
            s.reportUrl = reportUrl;
            s.summary = summary(2, 1, 1);
        });
        assertThat(failed.get(DEADLINE.toSeconds(), TimeUnit.SECONDS)).isEqualTo(1);
        assertThat(out.toString()).contains("FAIL API_007", "expected 200, got 500", ": Failed");
        clean();

        CompletableFuture<Integer> errored = submit(made -> { }, "--kubeconfig", kubeconfig("ci-token").toString(),
                "--suite", "orders-api", "--env", "orders-stack", "--wait", "--poll-interval", "50ms");
        TestRun second = awaitRun();
        assertThat(second.getSpec().environmentRef.name).isEqualTo("orders-stack");
        status(second, s -> {
            s.phase = RunPhase.Error;
            s.conditions.add(new ConditionBuilder().withType("Resolved").withStatus("False").withReason("EnvironmentNotFound")
                    .withMessage("spec.environmentRef: TestEnvironment orders-stack not found").build());
        });
        assertThat(errored.get(DEADLINE.toSeconds(), TimeUnit.SECONDS)).isEqualTo(3);
        assertThat(out.toString()).contains(": Error (EnvironmentNotFound: spec.environmentRef: TestEnvironment orders-stack not found)");
    }

    @Test
    void aRunThatDoesNotFinishInTimeExitsThreeAndKeepsRunning() throws Exception {
        int exit = submitNow("--kubeconfig", kubeconfig("ci-token").toString(), "--suite", "orders-api", "--wait",
                "--timeout", "1s", "--poll-interval", "50ms");
        assertThat(exit).isEqualTo(3);
        assertThat(err.toString()).contains("did not finish within 1s; it keeps running");
        assertThat(client.resources(TestRun.class).inNamespace(NS).list().getItems()).hasSize(1);
    }

    @Test
    void whenTheReportsApiRefusesTheTokenProgressComesFromTheStatus() throws Exception {
        Path reportDir = dir.resolve("reports");
        CompletableFuture<Integer> exit = submit(made -> { }, "--kubeconfig", kubeconfig("not-allowed").toString(),
                "--suite", "orders-api", "--wait", "--report-dir", reportDir.toString(), "--poll-interval", "50ms");
        TestRun run = awaitRun();
        String reportUrl = serveReport(run, List.of(caseResult("API_007", Outcome.FAILED)));
        status(run, s -> {
            s.phase = RunPhase.Running;
            s.reportUrl = reportUrl;
            s.summary = summary(3, 1, 1);
            s.failures.add(new TestRunStatus.Failure("API_007", "Create order", "step 1: status: expected 201, got 500"));
        });
        await().atMost(DEADLINE).until(() -> out.toString().contains("FAIL API_007 Create order"));
        status(run, s -> {
            s.phase = RunPhase.Failed;
            s.summary = summary(3, 2, 1);
        });
        assertThat(exit.get(DEADLINE.toSeconds(), TimeUnit.SECONDS)).isEqualTo(1);
        assertThat(err.toString()).contains("refused the request (401)", "following the TestRun's status instead", "no reports written");
        assertThat(out.toString()).contains("3 of 3 cases: 2 passed (0 flaky), 1 failed", "API_007  Create order  FAIL");
        assertThat(reportDir).doesNotExist();
    }

    @Test
    void theTokenFromItfTokenOverridesTheKubeconfig() throws Exception {
        CompletableFuture<Integer> exit = submit(name -> Kubeconfig.TOKEN_ENV.equals(name) ? "ci-token" : null, made -> { },
                "--kubeconfig", kubeconfig("kubeconfig-token").toString(), "--suite", "orders-api", "--wait", "--poll-interval", "50ms");
        TestRun run = awaitRun();
        String reportUrl = serveReport(run, List.of(caseResult("API_001", Outcome.PASSED)));
        status(run, s -> {
            s.phase = RunPhase.Succeeded;
            s.reportUrl = reportUrl;
            s.summary = summary(1, 1, 0);
        });
        assertThat(exit.get(DEADLINE.toSeconds(), TimeUnit.SECONDS)).as(err.toString()).isZero();
        assertThat(reports.last().header("Authorization")).isEqualTo("Bearer ci-token");
    }

    @Test
    void ctrlCAsksWhetherToDeleteTheRun() throws Exception {
        Interruption interruption = new Interruption();
        CompletableFuture<Integer> exit = submit(made -> {
            if (made instanceof SubmitCommand s) {
                s.interruptions = () -> interruption;
                s.prompt = question -> Optional.of("y");
            }
        }, "--kubeconfig", kubeconfig("ci-token").toString(), "--suite", "orders-api", "--wait", "--poll-interval", "50ms");
        TestRun run = awaitRun();
        interruption.trigger();
        assertThat(exit.get(DEADLINE.toSeconds(), TimeUnit.SECONDS)).isEqualTo(130);
        assertThat(out.toString()).contains("testrun.itf.dev/" + run.getMetadata().getName() + " deleted");
        await().atMost(DEADLINE).until(() -> client.resources(TestRun.class).inNamespace(NS).list().getItems().isEmpty());
    }

    @Test
    void ctrlCWithoutATerminalKeepsTheRunAndNamesIt() throws Exception {
        Interruption interruption = new Interruption();
        CompletableFuture<Integer> exit = submit(made -> {
            if (made instanceof SubmitCommand s) {
                s.interruptions = () -> interruption;
                s.prompt = question -> Optional.empty();
            }
        }, "--kubeconfig", kubeconfig("ci-token").toString(), "--suite", "orders-api", "--wait", "--poll-interval", "50ms");
        TestRun run = awaitRun();
        interruption.trigger();
        assertThat(exit.get(DEADLINE.toSeconds(), TimeUnit.SECONDS)).isEqualTo(130);
        assertThat(out.toString()).contains("TestRun team-a/" + run.getMetadata().getName() + " keeps running");
        assertThat(client.resources(TestRun.class).inNamespace(NS).list().getItems()).hasSize(1);
    }

    @Test
    void aRunFileWithoutWaitCreatesTheRunInTheContextsNamespace() throws Exception {
        Path runFile = file("run.yaml", """
                apiVersion: itf.dev/v1alpha1
                kind: TestRun
                metadata: {generateName: nightly-}
                spec:
                  suiteRef: {name: orders-api}
                  selector: {tags: [smoke]}
                """);
        assertThat(submitNow("--kubeconfig", kubeconfig("ci-token").toString(), runFile.toString(), "--tags", "fast"))
                .as(err.toString()).isZero();
        TestRun run = awaitRun();
        assertThat(run.getMetadata().getName()).startsWith("nightly-");
        assertThat(run.getSpec().selector.tags).containsExactly("smoke", "fast");
        assertThat(run.getSpec().timeout).isEqualTo("30m");

        assertThat(submitNow("--kubeconfig", kubeconfig("ci-token").toString(), "--context", "other", runFile.toString()))
                .isZero();
        assertThat(client.resources(TestRun.class).inNamespace("default").list().getItems()).hasSize(1);
        client.resources(TestRun.class).inNamespace("default").delete();
    }

    @Test
    void badInputExitsTwoBeforeTouchingTheCluster() throws Exception {
        Path kube = kubeconfig("ci-token");
        assertThat(submitNow("--kubeconfig", kube.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("give either RUN.yaml or --suite NAME");
        assertThat(submitNow("--kubeconfig", kube.toString(), "--suite", "orders-api", "--report-dir", "r")).isEqualTo(2);
        assertThat(err.toString()).contains("--report-dir needs --wait");
        assertThat(submitNow("--kubeconfig", kube.toString(), "--suite", "orders-api", "--timeout", "soon")).isEqualTo(2);
        assertThat(err.toString()).contains("--timeout soon: not a duration");
        Path bad = file("bad-run.yaml", """
                apiVersion: itf.dev/v1alpha1
                kind: TestRun
                metadata: {generateName: nightly-}
                spec:
                  parallelism: 0
                """);
        assertThat(submitNow("--kubeconfig", kube.toString(), bad.toString())).isEqualTo(2);
        assertThat(err.toString()).contains(bad.toString()).contains("suiteRef");
        assertThat(client.resources(TestRun.class).inAnyNamespace().list().getItems()).isEmpty();

        Path unreachable = file("unreachable", Files.readString(kube).replace(server.url("/"), "http://127.0.0.1:1/"));
        assertThat(submitNow("--kubeconfig", unreachable.toString(), "--suite", "orders-api")).isEqualTo(2);
        assertThat(err.toString()).contains("the cluster at http://127.0.0.1:1/ refused the request");
    }
}
