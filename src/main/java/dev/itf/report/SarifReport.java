package dev.itf.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.itf.json.Json;
import dev.itf.results.Finding;
import dev.itf.results.RunResult;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * itf.sarif: the failed security findings as SARIF 2.1.0, one result each: rule id (the check, or its finer rule),
 * level from the severity, the controls as tags, the request as location. A run without findings is a valid log
 * with an empty result list, so code-scanning uploads always succeed.
 */
final class SarifReport {

    static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";

    private SarifReport() {
    }

    static void write(RunDigest digest, Path file) throws IOException {
        RunResult run = digest.result;
        ObjectNode log = Json.MAPPER.createObjectNode();
        log.put("$schema", SCHEMA);
        log.put("version", "2.1.0");
        ObjectNode sarifRun = log.putArray("runs").addObject();
        ObjectNode driver = sarifRun.putObject("tool").putObject("driver");
        driver.put("name", "ITF");
        driver.put("fullName", "ITF integration testing framework, security checks");
        String version = SarifReport.class.getPackage().getImplementationVersion();
        driver.put("semanticVersion", version == null ? "0.0.0-dev" : version);
        ArrayNode rules = driver.putArray("rules");
        Map<String, Integer> ruleIndex = new LinkedHashMap<>();
        Map<String, Set<String>> ruleTags = new LinkedHashMap<>();
        ArrayNode results = sarifRun.putArray("results");
        int passed = 0;
        for (RunDigest.SecurityFinding sf : digest.findings) {
            Finding f = sf.finding();
            if (f.passed) {
                passed++;
                continue;
            }
            String ruleId = f.ruleId() == null ? "security" : f.ruleId();
            ruleIndex.computeIfAbsent(ruleId, id -> {
                ObjectNode rule = rules.addObject();
                rule.put("id", id);
                rule.put("name", name(id));
                rule.putObject("shortDescription").put("text", "ITF security check " + id + (f.check != null && !f.check.equals(id) ? " (" + f.check + ")" : ""));
                rule.putObject("defaultConfiguration").put("level", level(f.severity));
                return rules.size() - 1;
            });
            ruleTags.computeIfAbsent(ruleId, k -> new LinkedHashSet<>(Set.of("security"))).addAll(f.controls);
            ObjectNode r = results.addObject();
            r.put("ruleId", ruleId);
            r.put("ruleIndex", ruleIndex.get(ruleId));
            r.put("kind", "fail");
            r.put("level", level(f.severity));
            r.putObject("message").put("text", message(f));
            ObjectNode location = r.putArray("locations").addObject();
            location.putObject("physicalLocation").putObject("artifactLocation").put("uri", uri(f.request));
            if (f.request != null) {
                location.putArray("logicalLocations").addObject().put("fullyQualifiedName", f.request).put("kind", "resource");
            }
            ObjectNode props = r.putObject("properties");
            ArrayNode tags = props.putArray("tags");
            f.controls.forEach(tags::add);
            props.put("case", sf.testCase().caseId);
            props.put("step", sf.step().name);
            if (f.severity != null) {
                props.put("severity", f.severity);
            }
            if (f.evidence != null) {
                props.put("evidence", f.evidence);
            }
        }
        for (int i = 0; i < rules.size(); i++) {
            ObjectNode rule = (ObjectNode) rules.get(i);
            ArrayNode tags = rule.putObject("properties").putArray("tags");
            ruleTags.get(rule.get("id").asText()).stream().sorted().forEach(tags::add);
        }
        ObjectNode invocation = sarifRun.putArray("invocations").addObject();
        invocation.put("executionSuccessful", true);
        if (run.startedAt != null) {
            invocation.put("startTimeUtc", run.startedAt);
        }
        if (run.finishedAt != null) {
            invocation.put("endTimeUtc", run.finishedAt);
        }
        sarifRun.putObject("automationDetails").put("id", "itf/" + (run.suite == null ? "suite" : run.suite) + "/");
        ObjectNode props = sarifRun.putObject("properties");
        props.put("suite", run.suite);
        props.put("passedFindings", passed);
        props.put("failedFindings", results.size());
        Files.write(file, Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(log));
    }

    private static String message(Finding f) {
        StringBuilder b = new StringBuilder();
        b.append(f.check == null ? "security check" : f.check).append(" failed");
        if (f.request != null) {
            b.append(" for ").append(f.request);
        }
        if (f.evidence != null) {
            b.append(": ").append(f.evidence);
        }
        return b.toString();
    }

    static String level(String severity) {
        if (severity == null) {
            return "warning";
        }
        return switch (severity.toLowerCase(Locale.ROOT)) {
            case "high", "critical" -> "error";
            case "low", "info" -> "note";
            default -> "warning";
        };
    }

    /** The request's path (or URL) as a URI reference; a request line like "GET /api/v1/orders" gives /api/v1/orders. */
    static String uri(String request) {
        if (request == null || request.isBlank()) {
            return "/";
        }
        String target = request.trim();
        int space = target.indexOf(' ');
        if (space > 0) {
            target = target.substring(space + 1).trim();
        }
        try {
            return URI.create(target.replace(" ", "%20")).toString();
        } catch (IllegalArgumentException e) {
            return "/";
        }
    }

    private static String name(String id) {
        StringBuilder b = new StringBuilder();
        boolean up = true;
        for (char ch : id.toCharArray()) {
            if (!Character.isLetterOrDigit(ch)) {
                up = true;
                continue;
            }
            b.append(up ? Character.toUpperCase(ch) : ch);
            up = false;
        }
        return b.toString();
    }
}
