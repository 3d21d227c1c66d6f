package dev.itf.runner.expect;

import dev.itf.results.ErrorKind;
import dev.itf.json.Json;
import dev.itf.runner.StepResponse;
import org.xml.sax.helpers.DefaultHandler;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

/** format: json (parses as JSON), xml (parses as well-formed XML) or text (a body is present). */
public final class FormatExpectation implements Expectation {

    private final String format;

    public FormatExpectation(String format) {
        if (!format.matches("json|xml|text")) {
            throw new IllegalArgumentException("expect.format: \"" + format + "\" is not one of json, xml, text");
        }
        this.format = format;
    }

    @Override
    public ErrorKind kind() {
        return ErrorKind.FORMAT;
    }

    @Override
    public String failure(StepResponse response) {
        String body = response.body();
        if (body == null || body.isEmpty()) {
            return "format " + format + ": expected a " + format + " body, actual an empty body";
        }
        switch (format) {
            case "json":
                if (response.json() != null) {
                    return null;
                }
                try {
                    Json.MAPPER.readTree(body);
                    return null;
                } catch (Exception e) {
                    return "format json: expected JSON, actual " + Excerpt.quoted(body) + " (" + firstLine(e.getMessage()) + ")";
                }
            case "xml":
                try {
                    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
                    // a response must not make the runner read files or URLs
                    f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
                    f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
                    f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
                    var builder = f.newDocumentBuilder();
                    // report parse errors through the exception only, never on the console
                    builder.setErrorHandler(new DefaultHandler());
                    builder.parse(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
                    return null;
                } catch (Exception e) {
                    return "format xml: expected well-formed XML, actual " + Excerpt.quoted(body) + " (" + firstLine(e.getMessage()) + ")";
                }
            default:
                return null;
        }
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unreadable";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
