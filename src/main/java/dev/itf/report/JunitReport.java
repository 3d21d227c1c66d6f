package dev.itf.report;

import dev.itf.results.CaseResult;
import dev.itf.results.Outcome;
import dev.itf.results.StepResult;
import dev.itf.results.SecretNames;
import dev.itf.results.RunResult;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;

/**
 * JUnit XML in the shape Jenkins, GitLab and GitHub read: one testsuite per suite, one testcase per case, failure
 * for a failed expectation, error for a step that could not run, skipped, the step log in system-out and the run
 * variables as properties (secrets left out).
 */
public final class JunitReport {

    private static final int MESSAGE_ATTRIBUTE_CHARS = 1000;

    private JunitReport() {
    }

    public static void write(RunResult result, Path file) throws IOException {
        // buffered: the XML writer writes every attribute and text piece on its own
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 64 * 1024)) {
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out, "UTF-8");
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeCharacters("\n");
            String suite = result.suite == null ? "suite" : result.suite;
            String time = seconds(result.durationMs);
            xml.writeStartElement("testsuites");
            xml.writeAttribute("name", clean(suite));
            counts(xml, result);
            xml.writeAttribute("time", time);
            xml.writeCharacters("\n  ");
            xml.writeStartElement("testsuite");
            xml.writeAttribute("name", clean(suite));
            counts(xml, result);
            xml.writeAttribute("time", time);
            xml.writeAttribute("timestamp", timestamp(result.startedAt));
            properties(xml, result.variables);
            for (CaseResult c : result.cases) {
                testcase(xml, suite, c);
            }
            xml.writeCharacters("\n  ");
            xml.writeEndElement();
            xml.writeCharacters("\n");
            xml.writeEndElement();
            xml.writeCharacters("\n");
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private static void counts(XMLStreamWriter xml, RunResult r) throws XMLStreamException {
        xml.writeAttribute("tests", Integer.toString(r.summary.total));
        xml.writeAttribute("failures", Integer.toString(r.summary.failed));
        xml.writeAttribute("errors", Integer.toString(r.summary.errored));
        xml.writeAttribute("skipped", Integer.toString(r.summary.skipped));
    }

    private static void properties(XMLStreamWriter xml, Map<String, String> variables) throws XMLStreamException {
        if (variables == null || variables.isEmpty()) {
            return;
        }
        xml.writeCharacters("\n    ");
        xml.writeStartElement("properties");
        for (Map.Entry<String, String> v : variables.entrySet()) {
            if (SecretNames.MASK.equals(v.getValue()) || SecretNames.isSecret(v.getKey())) {
                continue;
            }
            xml.writeCharacters("\n      ");
            xml.writeEmptyElement("property");
            xml.writeAttribute("name", clean(v.getKey()));
            xml.writeAttribute("value", clean(v.getValue()));
        }
        xml.writeCharacters("\n    ");
        xml.writeEndElement();
    }

    private static void testcase(XMLStreamWriter xml, String suite, CaseResult c) throws XMLStreamException {
        xml.writeCharacters("\n    ");
        xml.writeStartElement("testcase");
        xml.writeAttribute("classname", clean(suite));
        xml.writeAttribute("name", clean(c.caseId + " " + (c.title == null ? "" : c.title)));
        xml.writeAttribute("time", seconds(c.durationMs));
        String message = c.message == null ? "" : c.message;
        if (c.outcome == Outcome.FAILED || c.outcome == Outcome.ERRORED) {
            boolean failed = c.outcome == Outcome.FAILED;
            xml.writeCharacters("\n      ");
            xml.writeStartElement(failed ? "failure" : "error");
            xml.writeAttribute("message", clean(oneLine(message)));
            xml.writeAttribute("type", failed ? "ExpectationFailed" : "StepError");
            xml.writeCharacters(clean(message));
            xml.writeEndElement();
        } else if (c.outcome == Outcome.SKIPPED) {
            xml.writeCharacters("\n      ");
            xml.writeEmptyElement("skipped");
            if (!message.isEmpty()) {
                xml.writeAttribute("message", clean(oneLine(message)));
            }
        }
        xml.writeCharacters("\n      ");
        xml.writeStartElement("system-out");
        xml.writeCharacters(clean(log(c)));
        xml.writeEndElement();
        xml.writeCharacters("\n    ");
        xml.writeEndElement();
    }

    /** The step log as plain text: each step's outcome and message, then its log lines. */
    static String log(CaseResult c) {
        StringBuilder b = new StringBuilder();
        b.append("attempt ").append(c.attempt).append(c.flaky ? " (flaky: passed on a retry)" : "").append('\n');
        for (StepResult s : c.steps) {
            b.append("[").append(s.outcome == null ? "" : s.outcome.name().toLowerCase(Locale.ROOT)).append("] ")
                    .append(s.type).append(" \"").append(s.name).append("\" (").append(s.durationMs).append(" ms)\n");
            if (s.message != null) {
                b.append("  ").append(s.message.replace("\n", "\n  ")).append('\n');
            }
            for (String line : s.log) {
                b.append("    ").append(line.replace("\n", "\n    ")).append('\n');
            }
        }
        return b.toString();
    }

    private static String oneLine(String message) {
        String flat = message.replace("\r", "").replace("\n", "; ");
        return flat.length() <= MESSAGE_ATTRIBUTE_CHARS ? flat : flat.substring(0, MESSAGE_ATTRIBUTE_CHARS) + "…";
    }

    /** Removes what XML 1.0 cannot hold (control characters other than tab, newline and carriage return). */
    static String clean(String s) {
        if (s == null) {
            return "";
        }
        if (plain(s)) {
            return s;
        }
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            boolean allowed = cp == 0x9 || cp == 0xA || cp == 0xD || (cp >= 0x20 && cp <= 0xD7FF)
                    || (cp >= 0xE000 && cp <= 0xFFFD) || (cp >= 0x10000 && cp <= 0x10FFFF);
            if (allowed) {
                b.appendCodePoint(cp);
            } else {
                b.append('\uFFFD');
            }
            i += Character.charCount(cp);
        }
        return b.toString();
    }

    /** True when every character is one XML 1.0 holds with no surrogate to pair: most texts, kept as they are. */
    private static boolean plain(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if ((c < 0x20 && c != 0x9 && c != 0xA && c != 0xD) || c >= 0xD800) {
                return false;
            }
        }
        return true;
    }

    /** Milliseconds as seconds with three decimals, as {@code %.3f} gives them, without a formatter per case. */
    static String seconds(long ms) {
        if (ms < 0) {
            return String.format(Locale.ROOT, "%.3f", ms / 1000.0);
        }
        String millis = Long.toString(ms % 1000);
        return ms / 1000 + "." + "000".substring(millis.length()) + millis;
    }

    /** ISO 8601 without a zone, as the JUnit schema has it; the time is UTC. */
    private static String timestamp(String rfc3339) {
        Instant at = rfc3339 == null ? Instant.now() : Instant.parse(rfc3339);
        return DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(LocalDateTime.ofInstant(at.truncatedTo(ChronoUnit.SECONDS), ZoneOffset.UTC));
    }
}
