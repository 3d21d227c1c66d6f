package dev.itf.runner.expect;

import dev.itf.results.ErrorKind;
import com.fasterxml.jackson.databind.JsonNode;
import dev.itf.runner.StepResponse;

/** graphql.noErrors: the response is JSON with no "errors" entry, or an empty one. */
public final class GraphqlNoErrorsExpectation implements Expectation {

    @Override
    public ErrorKind kind() {
        return ErrorKind.GRAPHQL;
    }

    @Override
    public String failure(StepResponse response) {
        JsonNode json = response.json();
        if (json == null || !json.isObject()) {
            return "graphql noErrors: expected a GraphQL JSON response, actual " + Excerpt.cut(response.body());
        }
        JsonNode errors = json.get("errors");
        if (errors == null || errors.isNull() || (errors.isArray() && errors.isEmpty())) {
            return null;
        }
        return "graphql noErrors: expected no errors, actual " + Excerpt.json(errors);
    }
}
