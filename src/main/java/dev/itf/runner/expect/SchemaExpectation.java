package dev.itf.runner.expect;

import dev.itf.results.ErrorKind;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.ValidationMessage;
import dev.itf.runner.StepResponse;

import java.util.Set;
import java.util.stream.Collectors;

/** schema / schemaRef: the JSON body must satisfy a JSON Schema (draft-07 or 2020-12). */
public final class SchemaExpectation implements Expectation {

    private static final int SHOWN_ERRORS = 5;

    private final JsonSchema schema;
    private final String source;

    public SchemaExpectation(JsonSchema schema, String source) {
        this.schema = schema;
        this.source = source;
    }

    @Override
    public ErrorKind kind() {
        return ErrorKind.SCHEMA;
    }

    @Override
    public String failure(StepResponse response) {
        if (response.json() == null) {
            return source + ": expected a JSON body, actual " + Excerpt.cut(response.body());
        }
        Set<ValidationMessage> errors = schema.validate(response.json());
        if (errors.isEmpty()) {
            return null;
        }
        String shown = errors.stream().limit(SHOWN_ERRORS).map(ValidationMessage::getMessage).collect(Collectors.joining("; "));
        int more = errors.size() - SHOWN_ERRORS;
        return source + ": expected the body to satisfy the schema, actual " + errors.size() + " error(s): "
                + Excerpt.cut(shown, 600) + (more > 0 ? " and " + more + " more" : "");
    }
}
