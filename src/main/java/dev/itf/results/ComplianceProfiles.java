package dev.itf.results;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The compliance profiles ITF reports on and which controls each security check evidences (SPEC §7), kept as data.
 * docs/compliance.md shows the same tables with the source of each control; ComplianceProfilesTest keeps the two equal.
 */
public final class ComplianceProfiles {

    /** One control of a profile: its id within the profile and its title as the source words it. */
    public record Control(String id, String title) {
    }

    /** A profile: its id (as suites select it), its name, where its controls are defined, and the controls. */
    public record Profile(String id, String name, String source, List<Control> controls) {
        public Optional<Control> control(String controlId) {
            return controls.stream().filter(c -> c.id().equals(controlId)).findFirst();
        }
    }

    private static final Map<String, Profile> PROFILES = new LinkedHashMap<>();
    /** Check kind to the PROFILE:CONTROL entries it evidences. */
    private static final Map<String, List<String>> CHECK_CONTROLS = new LinkedHashMap<>();

    static {
        profile("owasp-api-2023", "OWASP API Security Top 10 (2023)", "https://owasp.org/API-Security/editions/2023/en/0x11-t10/",
                "API1", "Broken Object Level Authorization",
                "API2", "Broken Authentication",
                "API3", "Broken Object Property Level Authorization",
                "API4", "Unrestricted Resource Consumption",
                "API5", "Broken Function Level Authorization",
                "API6", "Unrestricted Access to Sensitive Business Flows",
                "API7", "Server Side Request Forgery",
                "API8", "Security Misconfiguration",
                "API9", "Improper Inventory Management",
                "API10", "Unsafe Consumption of APIs");
        profile("cwe-top25-2024", "CWE Top 25 Most Dangerous Software Weaknesses (2024), with CWE-639",
                "https://cwe.mitre.org/top25/archive/2024/2024_cwe_top25.html",
                "CWE-79", "Improper Neutralization of Input During Web Page Generation (Cross-site Scripting)",
                "CWE-787", "Out-of-bounds Write",
                "CWE-89", "Improper Neutralization of Special Elements used in an SQL Command (SQL Injection)",
                "CWE-352", "Cross-Site Request Forgery (CSRF)",
                "CWE-22", "Improper Limitation of a Pathname to a Restricted Directory (Path Traversal)",
                "CWE-125", "Out-of-bounds Read",
                "CWE-78", "Improper Neutralization of Special Elements used in an OS Command (OS Command Injection)",
                "CWE-416", "Use After Free",
                "CWE-862", "Missing Authorization",
                "CWE-434", "Unrestricted Upload of File with Dangerous Type",
                "CWE-94", "Improper Control of Generation of Code (Code Injection)",
                "CWE-20", "Improper Input Validation",
                "CWE-77", "Improper Neutralization of Special Elements used in a Command (Command Injection)",
                "CWE-287", "Improper Authentication",
                "CWE-269", "Improper Privilege Management",
                "CWE-502", "Deserialization of Untrusted Data",
                "CWE-200", "Exposure of Sensitive Information to an Unauthorized Actor",
                "CWE-863", "Incorrect Authorization",
                "CWE-918", "Server-Side Request Forgery (SSRF)",
                "CWE-119", "Improper Restriction of Operations within the Bounds of a Memory Buffer",
                "CWE-476", "NULL Pointer Dereference",
                "CWE-798", "Use of Hard-coded Credentials",
                "CWE-190", "Integer Overflow or Wraparound",
                "CWE-400", "Uncontrolled Resource Consumption",
                "CWE-306", "Missing Authentication for Critical Function",
                "CWE-639", "Authorization Bypass Through User-Controlled Key (a child of CWE-863, not itself ranked)");
        profile("pci-dss-4.0", "PCI DSS v4.0", "https://docs-prv.pcisecuritystandards.org/PCI%20DSS/Standard/PCI-DSS-v4_0.pdf",
                "3.4.1", "PAN is masked when displayed",
                "4.2.1", "Strong cryptography protects PAN during transmission over open, public networks",
                "6.2.4", "Software engineering techniques prevent or mitigate common software attacks",
                "7.2.1", "An access control model is defined and includes granting access",
                "7.2.2", "Access is assigned based on job classification and least privilege",
                "8.3.1", "All user access is authenticated with at least one authentication factor",
                "8.3.2", "Strong cryptography renders authentication factors unreadable during transmission",
                "8.3.4", "Invalid authentication attempts are limited");
        profile("hipaa", "HIPAA Security Rule, technical safeguards (45 CFR 164.312) and minimum necessary (164.502(b))",
                "https://www.ecfr.gov/current/title-45/subtitle-A/subchapter-C/part-164",
                "164.312(a)(1)", "Access control",
                "164.312(a)(2)(iv)", "Encryption and decryption",
                "164.312(b)", "Audit controls",
                "164.312(c)(1)", "Integrity",
                "164.312(d)", "Person or entity authentication",
                "164.312(e)(1)", "Transmission security",
                "164.312(e)(2)(ii)", "Encryption (of transmissions)",
                "164.502(b)", "Minimum necessary");
        profile("gdpr", "GDPR (Regulation (EU) 2016/679)", "https://eur-lex.europa.eu/eli/reg/2016/679/oj",
                "art5(1)(c)", "Data minimisation",
                "art5(1)(f)", "Integrity and confidentiality",
                "art15", "Right of access by the data subject",
                "art17", "Right to erasure",
                "art20", "Right to data portability",
                "art25", "Data protection by design and by default",
                "art32(1)(a)", "Pseudonymisation and encryption of personal data",
                "art32(1)(b)", "Ongoing confidentiality, integrity, availability and resilience of processing systems");
        profile("ccpa", "California Consumer Privacy Act (Cal. Civ. Code 1798.100 et seq.)",
                "https://leginfo.legislature.ca.gov/faces/codes_displayText.xhtml?lawCode=CIV&division=3.&title=1.81.5.&part=4.",
                "1798.100(e)", "Reasonable security procedures and practices",
                "1798.105", "Right to delete",
                "1798.106", "Right to correct",
                "1798.110", "Right to know what personal information is collected",
                "1798.120", "Right to opt out of sale or sharing",
                "1798.121", "Right to limit use of sensitive personal information",
                "1798.150", "Data breaches caused by a failure to maintain reasonable security");

        check("authentication", "owasp-api-2023:API2", "cwe-top25-2024:CWE-287", "cwe-top25-2024:CWE-306", "pci-dss-4.0:8.3.1",
                "hipaa:164.312(d)", "gdpr:art32(1)(b)", "ccpa:1798.100(e)");
        check("authorization", "owasp-api-2023:API1", "owasp-api-2023:API5", "cwe-top25-2024:CWE-639", "cwe-top25-2024:CWE-862",
                "cwe-top25-2024:CWE-863", "pci-dss-4.0:7.2.1", "pci-dss-4.0:7.2.2", "hipaa:164.312(a)(1)", "gdpr:art32(1)(b)",
                "ccpa:1798.100(e)");
        check("transport", "owasp-api-2023:API8", "pci-dss-4.0:4.2.1", "pci-dss-4.0:8.3.2", "hipaa:164.312(e)(1)",
                "hipaa:164.312(e)(2)(ii)", "gdpr:art32(1)(a)", "ccpa:1798.100(e)");
        check("headers", "owasp-api-2023:API8", "pci-dss-4.0:6.2.4", "gdpr:art32(1)(b)");
        check("cookies", "owasp-api-2023:API8", "cwe-top25-2024:CWE-352", "pci-dss-4.0:6.2.4", "hipaa:164.312(e)(1)");
        check("cors", "owasp-api-2023:API8", "pci-dss-4.0:6.2.4", "gdpr:art32(1)(b)");
        check("dataExposure", "owasp-api-2023:API3", "cwe-top25-2024:CWE-200", "pci-dss-4.0:3.4.1", "hipaa:164.502(b)",
                "gdpr:art5(1)(c)", "gdpr:art25", "ccpa:1798.150");
        check("rateLimit", "owasp-api-2023:API4", "cwe-top25-2024:CWE-400", "pci-dss-4.0:8.3.4");
    }

    private ComplianceProfiles() {
    }

    private static void profile(String id, String name, String source, String... idsAndTitles) {
        List<Control> controls = new ArrayList<>();
        for (int i = 0; i < idsAndTitles.length; i += 2) {
            controls.add(new Control(idsAndTitles[i], idsAndTitles[i + 1]));
        }
        PROFILES.put(id, new Profile(id, name, source, List.copyOf(controls)));
    }

    private static void check(String kind, String... controls) {
        for (String c : controls) {
            if (control(c).isEmpty()) {
                throw new IllegalStateException("the mapping of " + kind + " names " + c + ", which no profile defines");
            }
        }
        CHECK_CONTROLS.put(kind, List.of(controls));
    }

    /** The profile ids, in the order docs and reports list them. */
    public static List<String> ids() {
        return List.copyOf(PROFILES.keySet());
    }

    public static Optional<Profile> profile(String id) {
        return Optional.ofNullable(PROFILES.get(id));
    }

    /** The PROFILE:CONTROL entries a check kind evidences; empty for an unknown kind. */
    public static List<String> controlsOf(String check) {
        return CHECK_CONTROLS.getOrDefault(check, List.of());
    }

    /** The check kinds that evidence a PROFILE:CONTROL entry. */
    public static List<String> checksOf(String control) {
        return CHECK_CONTROLS.entrySet().stream().filter(e -> e.getValue().contains(control)).map(Map.Entry::getKey).toList();
    }

    /** The control a PROFILE:CONTROL entry names, when the profile defines it. */
    public static Optional<Control> control(String entry) {
        int colon = entry == null ? -1 : entry.indexOf(':');
        if (colon < 0) {
            return Optional.empty();
        }
        return profile(entry.substring(0, colon)).flatMap(p -> p.control(entry.substring(colon + 1)));
    }
}
