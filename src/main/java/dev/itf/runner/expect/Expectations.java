package dev.itf.runner.expect;

import com.fasterxml.jackson.databind.JsonNode;
import dev.itf.api.Expect;
import dev.itf.api.ValueMatcher;
import dev.itf.runner.Durations;
import dev.itf.runner.StepResponse;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Builds a step's expectations from its {@code expect} block, with templates in expected values rendered. */
public final class Expectations {

    private final SchemaSource schemas;

    public Expectations(SchemaSource schemas) {
        this.schemas = schemas;
    }

    /**
     * The failures of every expectation of expect against the response, in the order of the expect block.
     *
     * @param text renders templates in expected text values
     * @param json renders templates inside expected JSON values
     */
    public List<ExpectationFailure> check(Expect expect, StepResponse response, Function<String, String> text,
                                          Function<JsonNode, JsonNode> json) {
        return expect == null ? List.of() : failures(build(expect, text, json), response);
    }

    /**
     * The check of expect against many responses (a load step): the expectations are built once when nothing in them
     * is a template, and anew for each response when something is (a template may render differently each time).
     */
    public Function<StepResponse, List<ExpectationFailure>> checker(Expect expect, Function<String, String> text,
                                                                    Function<JsonNode, JsonNode> json) {
        if (expect == null) {
            return r -> List.of();
        }
        boolean[] templated = {false};
        List<Expectation> built = build(expect, t -> {
            templated[0] |= t != null && t.contains("${");
            return t;
        }, n -> {
            templated[0] |= n != null && n.toString().contains("${");
            return n;
        });
        return templated[0] ? r -> check(expect, r, text, json) : r -> failures(built, r);
    }

    private static List<ExpectationFailure> failures(List<Expectation> expectations, StepResponse response) {
        List<ExpectationFailure> failures = null;
        for (Expectation e : expectations) {
            String f = e.failure(response);
            if (f != null) {
                if (failures == null) {
                    failures = new ArrayList<>(1);
                }
                failures.add(new ExpectationFailure(e.kind(), f));
            }
        }
        return failures == null ? List.of() : failures;
    }

    List<Expectation> build(Expect expect, Function<String, String> text, Function<JsonNode, JsonNode> json) {
        List<Expectation> all = new ArrayList<>();
        if (expect.status != null && !expect.status.isNull()) {
            all.add(new StatusExpectation(json.apply(expect.status)));
        }
        for (Map.Entry<String, ValueMatcher> h : expect.headers.entrySet()) {
            all.add(new HeaderExpectation(h.getKey(), rendered(h.getValue(), text, json)));
        }
        if (expect.format != null) {
            all.add(new FormatExpectation(expect.format));
        }
        if (expect.schema != null && !expect.schema.isNull()) {
            all.add(new SchemaExpectation(schemas.inline(expect.schema), "schema"));
        }
        if (expect.schemaRef != null) {
            all.add(new SchemaExpectation(schemas.referenced(expect.schemaRef), SchemaSource.describe(expect.schemaRef)));
        }
        if (expect.graphql != null && Boolean.TRUE.equals(expect.graphql.noErrors)) {
            all.add(new GraphqlNoErrorsExpectation());
        }
        if (expect.rows != null) {
            all.add(new RowsExpectation(expect.rows));
        }
        for (dev.itf.api.JsonPathExpectation p : expect.jsonPath) {
            all.add(new JsonPathExpectation(rendered(p, text, json)));
        }
        if (expect.body != null) {
            all.add(new BodyExpectation(rendered(expect.body, text, json)));
        }
        if (expect.openapi != null) {
            all.add(new OpenApiExpectation(schemas.openApi(expect.openapi.spec), text.apply(expect.openapi.operationId)));
        }
        if (expect.maxDuration != null) {
            all.add(new MaxDurationExpectation(Durations.parse(expect.maxDuration)));
        }
        return all;
    }

    private static ValueMatcher rendered(ValueMatcher m, Function<String, String> text, Function<JsonNode, JsonNode> json) {
        ValueMatcher r = new ValueMatcher();
        r.equals = m.equals == null ? null : json.apply(m.equals);
        r.contains = text.apply(m.contains);
        r.matches = text.apply(m.matches);
        r.exists = m.exists;
        return r;
    }

    private static dev.itf.api.JsonPathExpectation rendered(dev.itf.api.JsonPathExpectation p, Function<String, String> text,
                                                          Function<JsonNode, JsonNode> json) {
        dev.itf.api.JsonPathExpectation r = new dev.itf.api.JsonPathExpectation();
        r.path = text.apply(p.path);
        r.equals = p.equals == null ? null : json.apply(p.equals);
        r.notEquals = p.notEquals == null ? null : json.apply(p.notEquals);
        r.greaterThan = p.greaterThan;
        r.lessThan = p.lessThan;
        r.matches = text.apply(p.matches);
        r.exists = p.exists;
        r.contains = p.contains == null ? null : json.apply(p.contains);
        return r;
    }
}
