package dev.itf.operator.results;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.itf.json.Json;
import dev.itf.results.CaseResult;
import dev.itf.results.Outcome;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What a runner may POST: one case result, or a JSON array of them (a batch). Every field the operator relies on is
 * checked and unknown fields are refused, so nothing is stored that a later reconcile or report could not read; a
 * refusal names the field by its path ({@code [3].outcome}).
 */
public final class CaseResultBody {
    private static final ObjectReader STRICT = Json.MAPPER.readerFor(CaseResult.class)
            .with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES,
                    DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);
    private static final List<String> OUTCOME_NAMES = Arrays.stream(Outcome.values()).map(o -> o.name().toLowerCase()).toList();
    private static final String OUTCOMES = String.join(", ", OUTCOME_NAMES);

    private CaseResultBody() {
    }

    /** A body the endpoint refuses with 400; the message names the field and what it must be. */
    public static final class Invalid extends Exception {
        public Invalid(String message) {
            super(message);
        }
    }

    /** The case results in the body, in order. */
    public static List<CaseResult> parse(byte[] body) throws Invalid {
        JsonNode tree;
        try {
            tree = Json.MAPPER.readTree(body);
        } catch (IOException e) {
            throw new Invalid("not JSON: " + firstLine(e.getMessage()));
        }
        if (tree == null || tree.isMissingNode()) {
            throw new Invalid("the body is empty: send a case result (a JSON object) or an array of them");
        }
        if (!tree.isArray()) {
            return List.of(one(tree, ""));
        }
        if (tree.isEmpty()) {
            throw new Invalid("an empty array: a batch holds at least one case result");
        }
        List<CaseResult> out = new ArrayList<>(tree.size());
        for (int i = 0; i < tree.size(); i++) {
            out.add(one(tree.get(i), "[" + i + "]."));
        }
        return out;
    }

    private static CaseResult one(JsonNode node, String at) throws Invalid {
        String where = at.isEmpty() ? "" : at.substring(0, at.length() - 1) + ": ";
        if (!node.isObject()) {
            throw new Invalid(where + "a case result must be a JSON object, not " + node.getNodeType().name().toLowerCase());
        }
        JsonNode id = node.get("caseId");
        if (id == null || !id.isTextual() || id.asText().isBlank()) {
            throw new Invalid(at + "caseId: " + (id == null ? "missing" : "must be a non-empty string") + "; the case's id from the suite");
        }
        JsonNode attempt = node.get("attempt");
        if (attempt == null || !attempt.canConvertToInt() || !attempt.isIntegralNumber() || attempt.asInt() < 1) {
            throw new Invalid(at + "attempt: " + (attempt == null ? "missing" : "must be a whole number") + "; 1 for the first try, 2 for the first retry, ...");
        }
        JsonNode outcome = node.get("outcome");
        if (outcome == null || !outcome.isTextual() || !OUTCOME_NAMES.contains(outcome.asText())) {
            throw new Invalid(at + "outcome: " + (outcome == null ? "missing" : "unknown value " + outcome)
                    + "; expected one of " + OUTCOMES);
        }
        JsonNode shard = node.get("shard");
        if (shard != null && (!shard.canConvertToInt() || !shard.isIntegralNumber() || shard.asInt() < 0)) {
            throw new Invalid(at + "shard: must be a whole number of 0 or more");
        }
        try {
            return STRICT.readValue(node);
        } catch (JsonMappingException e) {
            throw new Invalid(at + path(e) + ": " + reason(e));
        } catch (IOException e) {
            throw new Invalid(where + firstLine(e.getMessage()));
        }
    }

    /** Why a stored result cannot be used, or null: what {@link #parse} would refuse among the fields relied on. */
    public static String problem(CaseResult r) {
        if (r == null) {
            return "empty";
        }
        if (r.caseId == null || r.caseId.isBlank()) {
            return "caseId: missing";
        }
        if (r.attempt < 1) {
            return "attempt: must be 1 or more";
        }
        if (r.outcome == null) {
            return "outcome: missing";
        }
        return r.shard < 0 ? "shard: must be 0 or more" : null;
    }

    /** The JSON path of the field a mapping error is about: {@code steps[1].outcome}. */
    private static String path(JsonMappingException e) {
        StringBuilder out = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                out.append(out.isEmpty() ? "" : ".").append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                out.append('[').append(r.getIndex()).append(']');
            }
        }
        return out.isEmpty() ? "(body)" : out.toString();
    }

    private static String reason(JsonMappingException e) {
        if (e instanceof com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException) {
            return "unknown field (misspelt?)";
        }
        if (e instanceof com.fasterxml.jackson.databind.exc.InvalidFormatException f) {
            return "cannot be " + f.getValue() + (f.getTargetType() != null && f.getTargetType().isEnum()
                    ? "; expected one of " + OUTCOMES : "");
        }
        if (e instanceof com.fasterxml.jackson.databind.exc.MismatchedInputException) {
            return "wrong type of value";
        }
        return firstLine(e.getOriginalMessage());
    }

    static String firstLine(String s) {
        if (s == null) {
            return "unreadable JSON";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
