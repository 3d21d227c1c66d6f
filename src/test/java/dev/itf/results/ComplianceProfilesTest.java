package dev.itf.results;

import dev.itf.api.SecurityChecks;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The compliance mapping: data and docs/compliance.md agree, and the report's verdicts follow the evidence. */
class ComplianceProfilesTest {

    @Test
    void docsListEveryProfileControlAndMappingOfTheCode() throws Exception {
        String doc = Files.readString(Path.of("docs/compliance.md"));
        assertThat(ComplianceProfiles.ids()).containsExactly("owasp-api-2023", "cwe-top25-2024", "pci-dss-4.0", "hipaa", "gdpr", "ccpa");
        for (String id : ComplianceProfiles.ids()) {
            ComplianceProfiles.Profile p = ComplianceProfiles.profile(id).orElseThrow();
            assertThat(doc).contains("### `" + id + "` — " + p.name(), "Source: <" + p.source() + ">");
            for (ComplianceProfiles.Control c : p.controls()) {
                assertThat(doc).contains("| `" + id + ":" + c.id() + "` | " + c.title() + " |");
            }
        }
        for (String check : SecurityChecks.KINDS) {
            List<String> controls = ComplianceProfiles.controlsOf(check);
            assertThat(controls).as(check).isNotEmpty();
            assertThat(doc).contains("| `" + check + "` | " + controls.stream().map(c -> "`" + c + "`").collect(Collectors.joining(", ")) + " |");
        }
    }

    @Test
    void theSpecsExamplesAreMappedAsItSays() {
        assertThat(ComplianceProfiles.controlsOf("authentication")).contains("owasp-api-2023:API2", "cwe-top25-2024:CWE-287",
                "pci-dss-4.0:8.3.1", "hipaa:164.312(d)");
        assertThat(ComplianceProfiles.controlsOf("authorization")).contains("owasp-api-2023:API1", "owasp-api-2023:API5",
                "cwe-top25-2024:CWE-639", "cwe-top25-2024:CWE-862", "cwe-top25-2024:CWE-863", "hipaa:164.312(a)(1)");
        assertThat(ComplianceProfiles.controlsOf("transport")).contains("pci-dss-4.0:4.2.1", "hipaa:164.312(e)(1)", "gdpr:art32(1)(a)");
        assertThat(ComplianceProfiles.controlsOf("dataExposure")).contains("owasp-api-2023:API3", "cwe-top25-2024:CWE-200",
                "pci-dss-4.0:3.4.1", "gdpr:art5(1)(c)");
        assertThat(ComplianceProfiles.control("ccpa:1798.105")).isPresent();
        assertThat(ComplianceProfiles.control("gdpr:art17")).isPresent();
        assertThat(ComplianceProfiles.checksOf("owasp-api-2023:API8")).contains("transport", "headers", "cookies", "cors");
    }

    @Test
    void aControlFailsOnAnyFailedEvidencePassesOnPassedEvidenceAndIsNotTestedWithout() {
        CaseResult security = new CaseResult();
        security.caseId = "SEC";
        security.outcome = Outcome.FAILED;
        StepResult step = new StepResult();
        step.findings = List.of(finding("authorization", true), finding("transport", false));
        security.steps = List.of(step);
        CaseResult erasure = new CaseResult();
        erasure.caseId = "ERASE";
        erasure.outcome = Outcome.PASSED;
        erasure.controls = List.of("gdpr:art17", "gdpr:art99");
        CaseResult skipped = new CaseResult();
        skipped.caseId = "SKIP";
        skipped.outcome = Outcome.SKIPPED;
        skipped.controls = List.of("gdpr:art20");

        Compliance report = ComplianceReport.of(List.of("gdpr", "unknown", "gdpr"), List.of(security, erasure, skipped));
        assertThat(report.profiles).singleElement().satisfies(p -> {
            assertThat(status(p, "gdpr:art17")).isEqualTo(Compliance.Control.PASSED);
            assertThat(status(p, "gdpr:art99")).as("a case may name a control the table lacks").isEqualTo(Compliance.Control.PASSED);
            assertThat(status(p, "gdpr:art32(1)(b)")).as("authorization passed").isEqualTo(Compliance.Control.PASSED);
            assertThat(status(p, "gdpr:art32(1)(a)")).as("transport failed").isEqualTo(Compliance.Control.FAILED);
            assertThat(status(p, "gdpr:art20")).as("a skipped case evidences nothing").isEqualTo(Compliance.Control.NOT_TESTED);
            Compliance.Control failed = p.controls.stream().filter(c -> c.control.equals("gdpr:art32(1)(a)")).findFirst().orElseThrow();
            assertThat(failed.checks).containsExactly("transport");
            assertThat(failed.cases).containsExactly("SEC");
            assertThat(failed.evidence).containsExactly("SEC: transport.protocol failed: TLSv1 accepted");
            assertThat(p.coverage).isEqualTo(4.0 / 9);
        });
        assertThat(ComplianceReport.counts(report)).singleElement().satisfies(c -> {
            assertThat(c.passed).isEqualTo(3);
            assertThat(c.failed).isEqualTo(1);
            assertThat(c.notTested).isEqualTo(5);
        });
        assertThat(ComplianceReport.of(List.of(), List.of(security))).isNull();
    }

    private static Finding finding(String check, boolean passed) {
        Finding f = new Finding();
        f.check = check;
        f.rule = check + ".protocol";
        f.passed = passed;
        f.severity = "high";
        f.evidence = passed ? "ok" : "TLSv1 accepted";
        f.controls = ComplianceProfiles.controlsOf(check);
        return f;
    }

    private static String status(Compliance.Profile p, String control) {
        return p.controls.stream().filter(c -> c.control.equals(control)).findFirst().orElseThrow().status;
    }
}
