package dev.itf.report;

import dev.itf.results.CaseResult;
import dev.itf.results.Outcome;
import dev.itf.runner.RunOptions;
import dev.itf.results.RunResult;
import dev.itf.runner.Suites;
import dev.itf.runner.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** One suite with deliberate failures: a failed expectation is a failure, a step that could not run is an error, in both reports. */
class ReportsTest {

    private static final String SUITE = """
            spec:
              description: Orders with deliberate failures
              variables: {ordersUrl: "${base}/orders", dbPassword: "s3cr3t-value"}
              cases:
                - id: OK_1
                  title: List orders
                  tags: [smoke]
                  steps:
                    - name: list
                      http: {url: "${ordersUrl}", headers: {Authorization: "Bearer very-secret-token"}}
                      expect: {status: 200, jsonPath: [{path: "$[0].status", equals: NEW}]}
                - id: FAIL_1
                  title: Wrong status <expected> & "quoted"
                  steps:
                    - name: list
                      http: {url: "${ordersUrl}"}
                      expect: {jsonPath: [{path: "$[0].status", equals: SHIPPED}]}
                - id: ERR_1
                  title: Undefined variable
                  steps:
                    - name: get
                      http: {url: "${ordersUrl}/${firstId}"}
                - id: ERR_2
                  title: Control characters in the body
                  steps:
                    - name: control
                      http: {url: "${base}/control"}
                      expect: {body: {equals: clean}}
            """;

    @TempDir
    Path dir;
    private TestServer server;
    private RunResult result;

    @BeforeEach
    void run() throws Exception {
        server = TestServer.http()
                .fixed("/orders", 200, "application/json", "[{\"id\":1,\"status\":\"NEW\"}]")
                .fixed("/control", 200, "text/plain", "bell\u0007 and nul\u0000 end");
        RunOptions o = new RunOptions();
        o.variables.put("base", server.url());
        o.variables.put("apiToken", "tok-value-123");
        result = Suites.run(SUITE, o);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void runResultSeparatesFailedFromErrored() {
        assertThat(result.cases).extracting(c -> c.outcome)
                .containsExactly(Outcome.PASSED, Outcome.FAILED, Outcome.ERRORED, Outcome.FAILED);
        assertThat(result.summary.total).isEqualTo(4);
        assertThat(result.summary.passed).isEqualTo(1);
        assertThat(result.summary.failed).isEqualTo(2);
        assertThat(result.summary.errored).isEqualTo(1);
        assertThat(result.succeeded()).isFalse();
    }

    @Test
    void jsonReportRoundTripsAndMasksSecrets() throws Exception {
        Path file = ReportWriter.write(result, dir, EnumSet.of(ReportFormat.JSON)).get(0);
        assertThat(file.getFileName().toString()).isEqualTo("itf-results.json");
        String text = Files.readString(file);
        assertThat(text).doesNotContain("s3cr3t-value", "tok-value-123", "very-secret-token");
        RunResult back = JsonReport.read(file);
        assertThat(back.suite).isEqualTo("test-suite");
        assertThat(back.variables).containsEntry("dbPassword", "******").containsEntry("apiToken", "******")
                .containsEntry("ordersUrl", "${base}/orders").containsEntry("base", server.url());
        assertThat(back.summary.failed).isEqualTo(2);
        assertThat(back.cases).extracting(c -> c.caseId).containsExactly("OK_1", "FAIL_1", "ERR_1", "ERR_2");
        CaseResult failed = back.cases.get(1);
        assertThat(failed.message).isEqualTo("step \"list\": jsonPath $[0].status equals: expected \"SHIPPED\", actual \"NEW\"");
        assertThat(failed.steps.get(0).log.get(0)).isEqualTo("GET " + server.url() + "/orders");
        assertThat(text).contains("\"outcome\" : \"errored\"", "\"startedAt\"", "\"finishedAt\"");
    }

    @Test
    void junitXmlParsesAndCarriesFailuresErrorsLogsAndProperties() throws Exception {
        Path file = ReportWriter.write(result, dir, EnumSet.of(ReportFormat.JUNIT)).get(0);
        assertThat(file.getFileName().toString()).isEqualTo("junit.xml");
        String text = Files.readString(file);
        assertThat(text).doesNotContain("s3cr3t-value", "tok-value-123", "very-secret-token", "\u0007", "\u0000");
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
        Element suite = (Element) doc.getElementsByTagName("testsuite").item(0);
        assertThat(suite.getAttribute("name")).isEqualTo("test-suite");
        assertThat(suite.getAttribute("tests")).isEqualTo("4");
        assertThat(suite.getAttribute("failures")).isEqualTo("2");
        assertThat(suite.getAttribute("errors")).isEqualTo("1");
        assertThat(suite.getAttribute("skipped")).isEqualTo("0");
        assertThat(suite.getAttribute("timestamp")).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}");
        assertThat(suite.getAttribute("time")).matches("\\d+\\.\\d{3}");

        NodeList props = suite.getElementsByTagName("property");
        List<String> names = new java.util.ArrayList<>();
        for (int i = 0; i < props.getLength(); i++) {
            names.add(((Element) props.item(i)).getAttribute("name"));
        }
        assertThat(names).contains("base", "ordersUrl").doesNotContain("dbPassword", "apiToken");

        NodeList cases = suite.getElementsByTagName("testcase");
        assertThat(cases.getLength()).isEqualTo(4);
        Element ok = (Element) cases.item(0);
        assertThat(ok.getAttribute("classname")).isEqualTo("test-suite");
        assertThat(ok.getAttribute("name")).isEqualTo("OK_1 List orders");
        assertThat(ok.getElementsByTagName("failure").getLength()).isZero();
        assertThat(ok.getElementsByTagName("system-out").item(0).getTextContent())
                .contains("[passed] http \"list\"", "GET " + server.url() + "/orders", "> Authorization: ******");

        Element failed = (Element) cases.item(1);
        assertThat(failed.getAttribute("name")).isEqualTo("FAIL_1 Wrong status <expected> & \"quoted\"");
        Element failure = (Element) failed.getElementsByTagName("failure").item(0);
        assertThat(failure.getAttribute("type")).isEqualTo("ExpectationFailed");
        assertThat(failure.getAttribute("message")).isEqualTo("step \"list\": jsonPath $[0].status equals: expected \"SHIPPED\", actual \"NEW\"");
        assertThat(failed.getElementsByTagName("error").getLength()).isZero();

        Element errored = (Element) cases.item(2);
        Element error = (Element) errored.getElementsByTagName("error").item(0);
        assertThat(error.getAttribute("type")).isEqualTo("StepError");
        assertThat(error.getAttribute("message")).isEqualTo("step \"get\": undefined variable \"firstId\"");
        assertThat(errored.getElementsByTagName("failure").getLength()).isZero();

        Element control = (Element) cases.item(3);
        assertThat(control.getElementsByTagName("failure").item(0).getTextContent()).contains("actual \"bell\\u0007 and nul\\u0000 end\"");
        assertThat(control.getElementsByTagName("system-out").item(0).getTextContent()).contains("< bell\uFFFD and nul\uFFFD end");
    }

    @Test
    void skippedCasesBecomeSkippedElements() throws Exception {
        CaseResult skipped = new CaseResult();
        skipped.caseId = "S_1";
        skipped.title = "not run";
        skipped.outcome = Outcome.SKIPPED;
        skipped.message = "the run was stopped";
        result.cases.add(skipped);
        result.summary = RunResult.summarize(result.cases);
        Path file = ReportWriter.write(result, dir, EnumSet.of(ReportFormat.JUNIT)).get(0);
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
        Element suite = (Element) doc.getElementsByTagName("testsuite").item(0);
        assertThat(suite.getAttribute("skipped")).isEqualTo("1");
        assertThat(suite.getAttribute("tests")).isEqualTo("5");
        assertThat(doc.getElementsByTagName("skipped").getLength()).isEqualTo(1);
    }

    @Test
    void unknownFormatNamesTheSupportedOnes() {
        assertThat(ReportFormat.parse("json, junit")).containsExactly(ReportFormat.JSON, ReportFormat.JUNIT);
        assertThatThrownBy(() -> ReportFormat.parse("junit,docx"))
                .hasMessage("unknown report format \"docx\": supported formats are junit, json, allure, html, pdf, sarif");
    }
}
