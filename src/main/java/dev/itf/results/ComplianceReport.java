package dev.itf.results;

import dev.itf.api.TestRunStatus;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Builds a run's compliance report from its case results: each control of the selected profiles is failed when any
 * finding or case that evidences it failed, passed when some evidence it and all passed, else not tested.
 */
public final class ComplianceReport {

    /** Evidence lines kept per control: enough to explain it, not the whole run. */
    static final int MAX_EVIDENCE = 20;

    private ComplianceReport() {
    }

    /** The report for the selected profiles, or null when the suite selects none. Unknown profiles are left out (lint names them). */
    public static Compliance of(List<String> profiles, List<CaseResult> cases) {
        if (profiles == null || profiles.isEmpty()) {
            return null;
        }
        Compliance report = new Compliance();
        for (String id : new LinkedHashSet<>(profiles)) {
            ComplianceProfiles.profile(id).ifPresent(p -> report.profiles.add(profile(p, cases)));
        }
        return report;
    }

    private static Compliance.Profile profile(ComplianceProfiles.Profile p, List<CaseResult> cases) {
        Map<String, Evidence> byControl = new LinkedHashMap<>();
        for (ComplianceProfiles.Control c : p.controls()) {
            byControl.put(p.id() + ":" + c.id(), new Evidence(c.title()));
        }
        String prefix = p.id() + ":";
        for (CaseResult c : cases) {
            if (c.controls != null) {
                for (String control : c.controls) {
                    if (control.startsWith(prefix)) {
                        byControl.computeIfAbsent(control, k -> new Evidence(null)).caseOutcome(c);
                    }
                }
            }
            for (StepResult s : c.steps == null ? List.<StepResult>of() : c.steps) {
                for (Finding f : s.findings == null ? List.<Finding>of() : s.findings) {
                    for (String control : f.controls) {
                        if (control.startsWith(prefix)) {
                            byControl.computeIfAbsent(control, k -> new Evidence(null)).finding(c, f);
                        }
                    }
                }
            }
        }
        Compliance.Profile out = new Compliance.Profile();
        out.profile = p.id();
        byControl.forEach((control, e) -> out.controls.add(e.control(control)));
        long tested = out.controls.stream().filter(c -> !Compliance.Control.NOT_TESTED.equals(c.status)).count();
        out.coverage = out.controls.isEmpty() ? 0.0 : (double) tested / out.controls.size();
        return out;
    }

    /** Counts per profile, as TestRun status.compliance shows them. */
    public static List<TestRunStatus.ComplianceCounts> counts(Compliance report) {
        if (report == null) {
            return null;
        }
        List<TestRunStatus.ComplianceCounts> out = new ArrayList<>();
        for (Compliance.Profile p : report.profiles) {
            TestRunStatus.ComplianceCounts c = new TestRunStatus.ComplianceCounts();
            c.profile = p.profile;
            c.passed = (int) p.count(Compliance.Control.PASSED);
            c.failed = (int) p.count(Compliance.Control.FAILED);
            c.notTested = (int) p.count(Compliance.Control.NOT_TESTED);
            out.add(c);
        }
        return out;
    }

    private static final class Evidence {
        final String title;
        final Set<String> checks = new LinkedHashSet<>();
        final Set<String> cases = new LinkedHashSet<>();
        final List<String> lines = new ArrayList<>();
        boolean passed;
        boolean failed;

        Evidence(String title) {
            this.title = title;
        }

        void caseOutcome(CaseResult c) {
            if (c.outcome == null || c.outcome == Outcome.SKIPPED) {
                return;
            }
            boolean ok = c.outcome == Outcome.PASSED;
            passed |= ok;
            failed |= !ok;
            cases.add(c.caseId);
            line(c.caseId + ": case " + c.outcome.name().toLowerCase(Locale.ROOT)
                    + (ok || c.message == null ? "" : " (" + c.message + ")"));
        }

        void finding(CaseResult c, Finding f) {
            passed |= f.passed;
            failed |= !f.passed;
            checks.add(f.check);
            cases.add(c.caseId);
            line(c.caseId + ": " + f.ruleId() + (f.passed ? " passed" : " failed") + (f.evidence == null ? "" : ": " + f.evidence));
        }

        private void line(String text) {
            if (lines.size() < MAX_EVIDENCE) {
                lines.add(text);
            }
        }

        Compliance.Control control(String id) {
            Compliance.Control c = new Compliance.Control();
            c.control = id;
            c.title = title;
            c.status = failed ? Compliance.Control.FAILED : passed ? Compliance.Control.PASSED : Compliance.Control.NOT_TESTED;
            c.checks = new ArrayList<>(checks);
            c.cases = new ArrayList<>(cases);
            c.evidence = lines;
            return c;
        }
    }
}
