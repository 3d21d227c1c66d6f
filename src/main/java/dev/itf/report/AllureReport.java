package dev.itf.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.itf.api.CaseLink;
import dev.itf.api.Severity;
import dev.itf.json.Json;
import dev.itf.results.Attempt;
import dev.itf.results.CaseResult;
import dev.itf.results.ErrorKind;
import dev.itf.results.Outcome;
import dev.itf.results.RunResult;
import dev.itf.results.SecretNames;
import dev.itf.results.StepResult;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Allure results (allure-results/): one {uuid}-result.json per case attempt, a text attachment per step log,
 * environment.properties, executor.json, categories.json (one category per error kind) and, with a history, the
 * history/ files Allure's trends and per-case history read. historyId and testCaseId are stable per suite and case.
 */
final class AllureReport {

    private final RunDigest digest;
    private final RunResult run;
    private final Path dir;

    private AllureReport(RunDigest digest, Path dir) {
        this.digest = digest;
        this.run = digest.result;
        this.dir = dir;
    }

    static void write(RunDigest digest, Path dir) throws IOException {
        Files.createDirectories(dir);
        new AllureReport(digest, dir).write();
    }

    private void write() throws IOException {
        for (CaseResult c : run.cases) {
            // Allure takes the attempt that started last as the case's result and the others as its retries, so every
            // attempt starts at least a millisecond after the one before, even when an attempt took under a millisecond
            long next = epochMillis(c.startedAt, epochMillis(run.startedAt, 0));
            long previous = Long.MIN_VALUE;
            if (c.earlierAttempts != null) {
                for (Attempt a : c.earlierAttempts) {
                    long aStart = Math.max(epochMillis(a.startedAt, next), previous + 1);
                    writeResult(c, a.attempt, a.outcome, a.errorKind, a.message, aStart, a.durationMs, a.steps, false);
                    previous = aStart;
                    next = aStart + a.durationMs;
                }
            }
            long lastDuration = Math.max(0, c.durationMs - (c.earlierAttempts == null ? 0
                    : c.earlierAttempts.stream().mapToLong(a -> a.durationMs).sum()));
            writeResult(c, c.attempt, c.outcome, c.errorKind, c.message, Math.max(next, previous + 1), lastDuration, c.steps,
                    digest.flaky.contains(c.caseId));
        }
        environment();
        executor();
        categories();
        if (digest.history != null && digest.history.runs.size() > 1) {
            new AllureHistory(digest.history, run.suite).write(dir.resolve("history"));
        }
    }

    private void writeResult(CaseResult c, int attempt, Outcome outcome, ErrorKind kind, String message, long start,
                             long duration, List<StepResult> steps, boolean flaky) throws IOException {
        String fullName = fullName(run.suite, c.caseId);
        String uuid = UUID.nameUUIDFromBytes((fullName + "#" + attempt + "@" + start).getBytes(StandardCharsets.UTF_8)).toString();
        ObjectNode r = Json.MAPPER.createObjectNode();
        r.put("uuid", uuid);
        r.put("historyId", historyId(run.suite, c.caseId));
        r.put("testCaseId", historyId(run.suite, c.caseId));
        r.put("fullName", fullName);
        r.put("name", c.title == null ? c.caseId : c.caseId + " " + c.title);
        r.put("status", status(outcome));
        ObjectNode details = r.putObject("statusDetails");
        details.put("known", false);
        details.put("muted", false);
        details.put("flaky", flaky);
        if (message != null) {
            details.put("message", message);
        }
        if (kind != null) {
            // categories.json matches on this first line of the trace
            details.put("trace", KIND_PREFIX + kind.id() + "\n" + (message == null ? "" : message));
        }
        r.put("stage", "finished");
        r.put("start", start);
        r.put("stop", start + duration);
        ArrayNode labels = r.putArray("labels");
        label(labels, "suite", run.suite == null ? "suite" : run.suite);
        label(labels, "framework", "itf");
        label(labels, "language", "yaml");
        label(labels, "severity", severity(c.severityOrDefault()));
        label(labels, "host", "shard-" + c.shard);
        c.tags.forEach(t -> label(labels, "tag", t));
        if (c.owner != null) {
            label(labels, "owner", c.owner);
        }
        if (c.controls != null) {
            c.controls.forEach(ctl -> label(labels, "control", ctl));
        }
        if (kind != null) {
            label(labels, "errorKind", kind.id());
        }
        ArrayNode links = r.putArray("links");
        if (c.links != null) {
            for (CaseLink l : c.links) {
                links.addObject().put("name", l.name).put("url", l.url).put("type", "link");
            }
        }
        ArrayNode parameters = r.putArray("parameters");
        parameters.addObject().put("name", "attempt").put("value", Integer.toString(attempt)).put("excluded", true);
        ArrayNode stepNodes = r.putArray("steps");
        long at = start;
        for (StepResult s : steps) {
            stepNodes.add(step(uuid, stepNodes.size(), s, at));
            at += s.durationMs;
        }
        r.putArray("attachments");
        Files.write(dir.resolve(uuid + "-result.json"), Json.MAPPER.writeValueAsBytes(r));
    }

    private ObjectNode step(String uuid, int index, StepResult s, long start) throws IOException {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("name", s.name + " (" + s.type + ")");
        n.put("status", status(s.outcome));
        n.put("stage", s.outcome == Outcome.SKIPPED ? "pending" : "finished");
        n.put("start", start);
        n.put("stop", start + s.durationMs);
        ObjectNode details = n.putObject("statusDetails");
        if (s.message != null) {
            details.put("message", s.message);
        }
        if (s.errorKind != null) {
            details.put("trace", KIND_PREFIX + s.errorKind.id() + "\n" + (s.message == null ? "" : s.message));
        }
        ArrayNode attachments = n.putArray("attachments");
        if (!s.log.isEmpty()) {
            String source = uuid + "-step" + (index + 1) + "-attachment.txt";
            Files.writeString(dir.resolve(source), String.join("\n", s.log) + "\n");
            attachments.addObject().put("name", "request and response").put("source", source).put("type", "text/plain");
        }
        if (s.load != null || s.findings != null) {
            String source = uuid + "-step" + (index + 1) + "-data-attachment.json";
            ObjectNode data = Json.MAPPER.createObjectNode();
            if (s.load != null) {
                data.set("load", Json.MAPPER.valueToTree(s.load));
            }
            if (s.findings != null) {
                data.set("findings", Json.MAPPER.valueToTree(s.findings));
            }
            Files.write(dir.resolve(source), Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(data));
            attachments.addObject().put("name", s.load != null ? "load measurements" : "security findings")
                    .put("source", source).put("type", "application/json");
        }
        n.putArray("steps");
        n.putArray("parameters");
        return n;
    }

    private void environment() throws IOException {
        StringBuilder b = new StringBuilder();
        property(b, "suite", run.suite);
        property(b, "description", run.description);
        property(b, "started", run.startedAt);
        property(b, "shards", Integer.toString(run.shards));
        for (Map.Entry<String, String> v : run.variables.entrySet()) {
            if (!SecretNames.MASK.equals(v.getValue()) && !SecretNames.isSecret(v.getKey())) {
                property(b, "var." + v.getKey(), v.getValue());
            }
        }
        Files.writeString(dir.resolve("environment.properties"), b.toString(), StandardCharsets.ISO_8859_1);
    }

    /** key=value with the escapes java.util.Properties reads; characters beyond Latin-1 as \\uXXXX. */
    private static void property(StringBuilder b, String key, String value) {
        if (value == null) {
            return;
        }
        b.append(escape(key, true)).append('=').append(escape(value, false)).append('\n');
    }

    private static String escape(String s, boolean key) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                case '=', ':', '#', '!' -> b.append('\\').append(ch);
                case ' ' -> b.append(key || i == 0 ? "\\ " : " ");
                default -> {
                    if (ch < 0x20 || ch > 0xff) {
                        b.append(String.format(Locale.ROOT, "\\u%04x", (int) ch));
                    } else {
                        b.append(ch);
                    }
                }
            }
        }
        return b.toString();
    }

    private void executor() throws IOException {
        ObjectNode e = Json.MAPPER.createObjectNode();
        e.put("name", "ITF");
        e.put("type", "itf");
        e.put("reportName", run.suite);
        e.put("buildName", run.suite + " " + (run.startedAt == null ? "" : run.startedAt));
        if (digest.history != null) {
            e.put("buildOrder", digest.history.runs.size());
        }
        Files.write(dir.resolve("executor.json"), Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(e));
    }

    /** One category per error kind: failed expectations as product defects, steps that could not run as broken. */
    private void categories() throws IOException {
        ArrayNode all = Json.MAPPER.createArrayNode();
        for (ErrorKind kind : ErrorKind.values()) {
            ObjectNode c = all.addObject();
            c.put("name", (kind.expectation() ? "Failed expectation: " : "Could not run: ") + kind.id());
            c.putArray("matchedStatuses").add(kind.expectation() ? "failed" : "broken");
            c.put("traceRegex", "(?s)" + KIND_PREFIX + kind.id() + "\\n.*");
        }
        Files.write(dir.resolve("categories.json"), Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(all));
    }

    static final String KIND_PREFIX = "error kind: ";

    private static void label(ArrayNode labels, String name, String value) {
        labels.addObject().put("name", name).put("value", value);
    }

    static String status(Outcome o) {
        if (o == null) {
            return "unknown";
        }
        return switch (o) {
            case PASSED -> "passed";
            case FAILED -> "failed";
            case ERRORED -> "broken";
            case SKIPPED -> "skipped";
        };
    }

    static String severity(Severity s) {
        return switch (s) {
            case HIGH -> "critical";
            case MEDIUM -> "normal";
            case LOW -> "minor";
        };
    }

    static String fullName(String suite, String caseId) {
        return (suite == null ? "suite" : suite) + "." + caseId;
    }

    /** Stable across runs: the same suite and case always get the same id, so Allure links their history and retries. */
    static String historyId(String suite, String caseId) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(fullName(suite, caseId).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has MD5", e);
        }
    }

    static long epochMillis(String rfc3339, long fallback) {
        if (rfc3339 == null) {
            return fallback;
        }
        try {
            return Instant.parse(rfc3339).toEpochMilli();
        } catch (DateTimeParseException e) {
            return fallback;
        }
    }
}
