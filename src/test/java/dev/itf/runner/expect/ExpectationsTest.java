package dev.itf.runner.expect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.itf.api.Expect;
import dev.itf.results.ErrorKind;
import dev.itf.json.Json;
import dev.itf.runner.StepResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ExpectationsTest {

    private static final ObjectMapper YAML = Json.YAML;
    private static final String ORDERS = "[{\"id\":1,\"status\":\"SHIPPED\",\"total\":12.5,\"tags\":[\"a\",\"b\"]},{\"id\":2,\"status\":\"NEW\"}]";

    @TempDir
    Path suiteDir;

    private List<String> check(String expectYaml, StepResponse response) throws Exception {
        return failures(expectYaml, response).stream().map(ExpectationFailure::message).toList();
    }

    private List<ExpectationFailure> failures(String expectYaml, StepResponse response) throws Exception {
        Expect expect = YAML.readValue(expectYaml, Expect.class);
        Map<String, String> vars = Map.of("wanted", "SHIPPED", "count", "2");
        Function<String, String> render = s -> {
            if (s == null) {
                return null;
            }
            String out = s;
            for (Map.Entry<String, String> v : vars.entrySet()) {
                out = out.replace("${" + v.getKey() + "}", v.getValue());
            }
            return out;
        };
        Function<JsonNode, JsonNode> renderJson =
                n -> n.isTextual() ? TextNode.valueOf(render.apply(n.asText())) : n;
        return new Expectations(new SchemaSource(suiteDir)).check(expect, response, render, renderJson);
    }

    @Test
    void eachFailureNamesItsKind() throws Exception {
        String expect = """
                status: 201
                headers: {X-Missing: {exists: true}}
                format: xml
                schema: {type: object}
                jsonPath: [{path: "$[0].status", equals: NEW}]
                body: {contains: nothing-like-this}
                maxDuration: 1ms
                """;
        assertThat(failures(expect, orders())).extracting(ExpectationFailure::kind).containsExactly(
                ErrorKind.STATUS, ErrorKind.HEADERS, ErrorKind.FORMAT, ErrorKind.SCHEMA, ErrorKind.JSON_PATH,
                ErrorKind.BODY, ErrorKind.MAX_DURATION);
        assertThat(failures("{rows: 3}", orders())).extracting(ExpectationFailure::kind).containsExactly(ErrorKind.ROWS);
        assertThat(failures("{graphql: {noErrors: true}}", http(200, "application/json", "{\"errors\":[{\"message\":\"no\"}]}")))
                .extracting(ExpectationFailure::kind).containsExactly(ErrorKind.GRAPHQL);
    }

    @Test
    void aCheckOfManyResponsesRendersTemplatesForEachResponseAndBuildsTheRestOnce() throws Exception {
        Expectations expectations = new Expectations(new SchemaSource(suiteDir));
        int[] renders = {0};
        String[] wanted = {"SHIPPED"};
        Function<String, String> text = s -> {
            if (s == null) {
                return null;
            }
            renders[0]++;
            return s.replace("${wanted}", wanted[0]);
        };
        Function<JsonNode, JsonNode> json = n -> n.isTextual() ? TextNode.valueOf(text.apply(n.asText())) : n;

        // a template in the expectations: rendered again for each response, so a value that changes is seen
        Function<StepResponse, List<ExpectationFailure>> templated = expectations.checker(
                YAML.readValue("{status: 200, jsonPath: [{path: \"$[0].status\", equals: \"${wanted}\"}]}", Expect.class), text, json);
        assertThat(templated.apply(orders())).isEmpty();
        wanted[0] = "NEW";
        assertThat(templated.apply(orders())).extracting(ExpectationFailure::kind).containsExactly(ErrorKind.JSON_PATH);

        // none: built once, still checked against every response
        Function<StepResponse, List<ExpectationFailure>> fixed = expectations.checker(
                YAML.readValue("{status: 200, body: {contains: SHIPPED}}", Expect.class), text, json);
        int before = renders[0];
        assertThat(fixed.apply(orders())).isEmpty();
        assertThat(fixed.apply(http(500, "text/plain", "broken"))).extracting(ExpectationFailure::kind)
                .containsExactly(ErrorKind.STATUS, ErrorKind.BODY);
        assertThat(fixed.apply(orders())).isEmpty();
        assertThat(renders[0]).isEqualTo(before);
    }

    private static StepResponse http(int status, String contentType, String body) {
        return new StepResponse(status, Map.of("Content-Type", List.of(contentType), "X-Multi", List.of("a", "b")),
                body, Json.parseOrNull(body), Duration.ofMillis(120));
    }

    private static StepResponse orders() {
        return http(200, "application/json", ORDERS);
    }

    @Test
    void status() throws Exception {
        assertThat(check("status: 200", orders())).isEmpty();
        assertThat(check("status: [201, 200]", orders())).isEmpty();
        assertThat(check("status: 2xx", orders())).isEmpty();
        assertThat(check("status: \"200\"", orders())).isEmpty();
        assertThat(check("status: 404", orders())).containsExactly("status: expected 404, actual 200");
        assertThat(check("status: [201, 204]", orders())).containsExactly("status: expected one of [201, 204], actual 200");
        assertThat(check("status: 4xx", orders())).containsExactly("status: expected 4xx, actual 200");
        assertThatThrownBy(() -> check("status: ok", orders())).hasMessageContaining("\"ok\" is not a status code or class");
    }

    @Test
    void headers() throws Exception {
        assertThat(check("headers: {content-type: {matches: 'application/json.*'}, X-Multi: {equals: 'a, b'}, X-Gone: {exists: false}}", orders())).isEmpty();
        assertThat(check("headers: {Content-Type: {contains: json}}", orders())).isEmpty();
        assertThat(check("headers: {Content-Type: {equals: text/plain}}", orders()))
                .containsExactly("header Content-Type equals: expected \"text/plain\", actual \"application/json\"");
        assertThat(check("headers: {Content-Type: {contains: xml}}", orders()))
                .containsExactly("header Content-Type contains: expected to contain \"xml\", actual \"application/json\"");
        assertThat(check("headers: {Content-Type: {matches: 'text/.*'}}", orders()))
                .containsExactly("header Content-Type matches: expected to match \"text/.*\", actual \"application/json\"");
        assertThat(check("headers: {Location: {exists: true}}", orders()))
                .containsExactly("header Location exists: expected present, actual absent");
        assertThat(check("headers: {Content-Type: {exists: false}}", orders()))
                .containsExactly("header Content-Type exists: expected absent, actual \"application/json\"");
    }

    @Test
    void format() throws Exception {
        assertThat(check("format: json", orders())).isEmpty();
        assertThat(check("format: xml", http(200, "application/xml", "<orders><order id='1'/></orders>"))).isEmpty();
        assertThat(check("format: text", http(200, "text/plain", "hello"))).isEmpty();
        assertThat(check("format: json", http(200, "text/plain", "hello"))).singleElement().asString()
                .startsWith("format json: expected JSON, actual \"hello\" (");
        assertThat(check("format: xml", http(200, "text/plain", "<a><b></a>"))).singleElement().asString()
                .startsWith("format xml: expected well-formed XML, actual \"<a><b></a>\" (");
        assertThat(check("format: text", http(204, "text/plain", ""))).containsExactly("format text: expected a text body, actual an empty body");
    }

    @Test
    void inlineSchemaInBothDialects() throws Exception {
        String draft7 = "schema: {$schema: 'http://json-schema.org/draft-07/schema#', type: array, items: {type: object, required: [id, status]}}";
        String v2020 = "schema: {type: array, prefixItems: [{type: object, properties: {id: {type: string}}}]}";
        assertThat(check(draft7, orders())).isEmpty();
        assertThat(check("schema: {type: object}", orders())).singleElement().asString()
                .startsWith("schema: expected the body to satisfy the schema, actual 1 error(s): ")
                .contains("object");
        // prefixItems exists only in 2020-12: a schema without $schema is read as 2020-12
        assertThat(check(v2020, orders())).singleElement().asString().contains("$[0].id").contains("string");
        assertThatThrownBy(() -> check("schema: {$schema: 'https://example.com/unknown', type: array}", orders()))
                .hasMessageContaining("use draft-07 or 2020-12");
    }

    @Test
    void schemaRefFromFileAndFromConfigMapDirectory() throws Exception {
        Files.writeString(suiteDir.resolve("orders.schema.json"), "{\"type\":\"array\",\"minItems\":3}");
        Files.createDirectories(suiteDir.resolve("schemas/order-schemas"));
        Files.writeString(suiteDir.resolve("schemas/order-schemas/list.json"), "{\"type\":\"array\",\"maxItems\":5}");
        assertThat(check("schemaRef: {file: orders.schema.json}", orders())).singleElement().asString()
                .startsWith("schemaRef orders.schema.json: expected the body to satisfy the schema, actual 1 error(s)");
        assertThat(check("schemaRef: {configMapRef: {name: order-schemas}, key: list.json}", orders())).isEmpty();
        assertThatThrownBy(() -> check("schemaRef: {file: missing.json}", orders())).hasMessageContaining("schemaRef: cannot read");
    }

    @Test
    void jsonPathOperatorsHold() throws Exception {
        assertThat(check("""
                jsonPath:
                  - {path: "$.length()", equals: 2, greaterThan: 1, lessThan: 3}
                  - {path: "$.length()", equals: "${count}"}
                  - {path: "$[0].status", equals: "${wanted}", notEquals: NEW, matches: "SHIP.*"}
                  - {path: "$[0].total", greaterThan: 12, lessThan: 13, equals: 12.5}
                  - {path: "$[0].tags", contains: b}
                  - {path: "$[0].status", contains: HIP}
                  - {path: "$[1].total", exists: false}
                  - {path: "$[0].id", exists: true}
                  - {path: "$[*].id", equals: [1, 2]}
                  - {path: "$[?(@.status == 'NEW')].id", equals: [2]}
                """, orders())).isEmpty();
    }

    @Test
    void jsonPathFailuresNameExpectedAndActual() throws Exception {
        assertThat(check("jsonPath: [{path: '$[0].status', equals: NEW}]", orders()))
                .containsExactly("jsonPath $[0].status equals: expected \"NEW\", actual \"SHIPPED\"");
        assertThat(check("jsonPath: [{path: '$[0].status', notEquals: SHIPPED}]", orders()))
                .containsExactly("jsonPath $[0].status notEquals: expected anything but \"SHIPPED\", actual \"SHIPPED\"");
        assertThat(check("jsonPath: [{path: '$.length()', greaterThan: 5}]", orders()))
                .containsExactly("jsonPath $.length() greaterThan: expected more than 5, actual 2");
        assertThat(check("jsonPath: [{path: '$[0].total', lessThan: 1.5}]", orders()))
                .containsExactly("jsonPath $[0].total lessThan: expected less than 1.5, actual 12.5");
        assertThat(check("jsonPath: [{path: '$[0].status', matches: 'N.*'}]", orders()))
                .containsExactly("jsonPath $[0].status matches: expected to match \"N.*\", actual \"SHIPPED\"");
        assertThat(check("jsonPath: [{path: '$[0].missing', exists: true}]", orders()))
                .containsExactly("jsonPath $[0].missing exists: expected a value, actual no value at this path");
        assertThat(check("jsonPath: [{path: '$[0].id', exists: false}]", orders()))
                .containsExactly("jsonPath $[0].id exists: expected no value, actual 1");
        assertThat(check("jsonPath: [{path: '$[0].tags', contains: z}]", orders()))
                .containsExactly("jsonPath $[0].tags contains: expected to contain \"z\", actual [\"a\",\"b\"]");
        assertThat(check("jsonPath: [{path: '$[0].id', equals: 1}]", http(200, "text/plain", "not json")))
                .containsExactly("jsonPath $[0].id: expected a JSON body, actual not json");
    }

    @Test
    void longActualValuesAreCut() throws Exception {
        String big = "x".repeat(1000);
        StepResponse r = http(200, "application/json", "{\"v\":\"" + big + "\"}");
        String failure = check("jsonPath: [{path: $.v, equals: short}]", r).get(0);
        assertThat(failure).startsWith("jsonPath $.v equals: expected \"short\", actual \"xxx").endsWith("…(802 more chars)");
        assertThat(failure.length()).isLessThan(300);
    }

    @Test
    void body() throws Exception {
        StepResponse r = http(200, "text/plain", "order 42 created");
        assertThat(check("body: {equals: order 42 created, contains: '42', matches: 'order [0-9]+ .*'}", r)).isEmpty();
        assertThat(check("body: {equals: [{id: 1, status: SHIPPED, total: 12.5, tags: [a, b]}, {id: 2, status: NEW}]}", orders())).isEmpty();
        assertThat(check("body: {equals: order 43 created}", r))
                .containsExactly("body equals: expected \"order 43 created\", actual \"order 42 created\"");
        assertThat(check("body: {contains: deleted}", r))
                .containsExactly("body contains: expected to contain \"deleted\", actual \"order 42 created\"");
        assertThat(check("body: {matches: '[0-9]+'}", r))
                .containsExactly("body matches: expected to match \"[0-9]+\", actual \"order 42 created\"");
        assertThat(check("body: {equals: [1]}", orders())).singleElement().asString().startsWith("body equals: expected [1], actual [{");
    }

    @Test
    void maxDurationRowsAndGraphql() throws Exception {
        assertThat(check("maxDuration: 1s", orders())).isEmpty();
        assertThat(check("maxDuration: 100ms", orders())).containsExactly("maxDuration: expected at most 100ms, actual 120ms");
        StepResponse rows = StepResponse.ofJson(Json.MAPPER.readTree("[{\"status\":\"CONFIRMED\"}]"), Duration.ofMillis(3));
        assertThat(check("{rows: 1, jsonPath: [{path: '$[0].status', equals: CONFIRMED}]}", rows)).isEmpty();
        assertThat(check("rows: 2", rows)).containsExactly("rows: expected 2, actual 1");
        assertThat(check("graphql: {noErrors: true}", http(200, "application/json", "{\"data\":{},\"errors\":[]}"))).isEmpty();
        assertThat(check("graphql: {noErrors: true}", http(200, "application/json", "{\"errors\":[{\"message\":\"boom\"}]}")))
                .containsExactly("graphql noErrors: expected no errors, actual [{\"message\":\"boom\"}]");
    }

    @Test
    void everyFailureOfAStepIsReportedInOrder() throws Exception {
        assertThat(check("{status: 201, jsonPath: [{path: '$[1].status', equals: SHIPPED}], maxDuration: 10ms}", orders()))
                .containsExactly("status: expected 201, actual 200",
                        "jsonPath $[1].status equals: expected \"SHIPPED\", actual \"NEW\"",
                        "maxDuration: expected at most 10ms, actual 120ms");
    }
}
