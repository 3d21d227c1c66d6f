package dev.itf.runner.expect;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.ValidationMessage;
import dev.itf.results.ErrorKind;
import dev.itf.runner.StepResponse;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * openapi: the response is one the operation declares. The status must be declared (the code, its class such as 2XX,
 * or default), the Content-Type one of the response's media types, and a JSON body must match that media type's
 * schema. A failure names the operation, the place in the body (a JSON pointer) and the schema rule.
 */
final class OpenApiExpectation implements Expectation {

    private static final int SHOWN_ERRORS = 5;

    private final OpenApiContract contract;
    private final OpenApiContract.Operation operation;
    private final String operationId;

    OpenApiExpectation(OpenApiContract contract, String operationId) {
        this.contract = contract;
        this.operationId = operationId;
        this.operation = contract.operation(operationId);
    }

    @Override
    public ErrorKind kind() {
        return ErrorKind.OPENAPI;
    }

    @Override
    public String failure(StepResponse response) {
        String prefix = "openapi " + operationId + " (" + operation.method().toUpperCase(Locale.ROOT) + " " + operation.path() + "): ";
        if (response.status() == null) {
            return prefix + "the step has no HTTP status to check";
        }
        int status = response.status();
        Map.Entry<String, JsonNode> declared = OpenApiContract.response(operation.node(), status);
        if (declared == null) {
            List<String> codes = new ArrayList<>();
            operation.node().path("responses").fieldNames().forEachRemaining(codes::add);
            return prefix + "status " + status + " is not declared (declared: " + String.join(", ", codes) + ")";
        }
        JsonNode content = declared.getValue().path("content");
        String body = response.body();
        boolean hasBody = body != null && !body.isEmpty();
        if (!content.isObject() || content.isEmpty()) {
            return hasBody ? prefix + "response " + declared.getKey() + " declares no body, actual " + Excerpt.cut(body) : null;
        }
        String contentType = contentType(response);
        if (contentType == null) {
            return hasBody ? prefix + "the response has no Content-Type; response " + declared.getKey() + " declares " + mediaTypes(content) : null;
        }
        String media = matching(content, contentType);
        if (media == null) {
            return prefix + "Content-Type " + contentType + " is not declared for response " + declared.getKey()
                    + " (declared: " + mediaTypes(content) + ")";
        }
        JsonNode mediaType = content.get(media);
        boolean json = contentType.endsWith("/json") || contentType.endsWith("+json");
        if (!mediaType.has("schema") || !json) {
            return null;
        }
        if (response.json() == null) {
            return prefix + "response " + declared.getKey() + " " + media + ": expected a JSON body, actual " + Excerpt.cut(body);
        }
        String pointer = operation.pointer() + "/responses/" + OpenApiContract.escape(declared.getKey()) + "/content/"
                + OpenApiContract.escape(media) + "/schema";
        Set<ValidationMessage> errors = contract.schema(pointer).validate(response.json());
        if (errors.isEmpty()) {
            return null;
        }
        String shown = errors.stream().limit(SHOWN_ERRORS).map(OpenApiExpectation::describe).collect(Collectors.joining("; "));
        int more = errors.size() - SHOWN_ERRORS;
        return prefix + "response " + declared.getKey() + " " + media + ": the body does not match the schema: "
                + Excerpt.cut(shown, 600) + (more > 0 ? " and " + more + " more" : "");
    }

    private static String describe(ValidationMessage m) {
        String at = m.getInstanceLocation() == null ? "" : m.getInstanceLocation().toString();
        String message = m.getMessage();
        // the validator starts its message with the location; the pointer is shown once, in front
        int colon = message.indexOf(": ");
        if (colon > 0 && message.substring(0, colon).equals(at)) {
            message = message.substring(colon + 2);
        }
        return (at.isEmpty() ? "/" : at) + ": " + message + " (rule " + m.getType() + ")";
    }

    private static String contentType(StepResponse response) {
        for (Map.Entry<String, List<String>> h : response.headers().entrySet()) {
            if (h.getKey() != null && h.getKey().equalsIgnoreCase("Content-Type") && !h.getValue().isEmpty()) {
                String value = h.getValue().get(0);
                int semicolon = value.indexOf(';');
                return (semicolon >= 0 ? value.substring(0, semicolon) : value).trim().toLowerCase(Locale.ROOT);
            }
        }
        return null;
    }

    /** The declared media type for the content type: exact, then type/*, then * / *. */
    private static String matching(JsonNode content, String contentType) {
        String wildcard = contentType.substring(0, contentType.indexOf('/') + 1) + "*";
        String found = null;
        for (Iterator<String> it = content.fieldNames(); it.hasNext(); ) {
            String declared = it.next();
            String d = declared.toLowerCase(Locale.ROOT);
            int semicolon = d.indexOf(';');
            d = (semicolon >= 0 ? d.substring(0, semicolon) : d).trim();
            if (d.equals(contentType)) {
                return declared;
            }
            if (d.equals(wildcard) || (d.equals("*/*") && found == null)) {
                found = declared;
            }
        }
        return found;
    }

    private static String mediaTypes(JsonNode content) {
        List<String> types = new ArrayList<>();
        content.fieldNames().forEachRemaining(types::add);
        return String.join(", ", types);
    }
}
