package dev.itf.runner.expect;

import dev.itf.demo.DemoTargetExtension;
import dev.itf.results.CaseResult;
import dev.itf.results.ErrorKind;
import dev.itf.results.Outcome;
import dev.itf.runner.RunOptions;
import dev.itf.runner.Suites;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** expect.openapi against the demo target, with OpenAPI 3.1 and 3.0 documents. */
class OpenApiExpectationTest {

    @RegisterExtension
    static final DemoTargetExtension demo = new DemoTargetExtension();

    @TempDir
    Path dir;

    static String document(String version, String totalSchema) {
        return """
                openapi: %s
                info: {title: orders, version: "1"}
                paths:
                  /api/v1/orders:
                    get:
                      operationId: listOrders
                      responses:
                        "200":
                          content:
                            application/json:
                              schema: {type: array, items: {$ref: "#/components/schemas/Order"}}
                    post:
                      operationId: createOrder
                      responses:
                        "201":
                          content:
                            application/json:
                              schema: {$ref: "#/components/schemas/Order"}
                  /api/v1/orders/{id}:
                    get:
                      operationId: getOrder
                      responses:
                        "200":
                          content:
                            application/json:
                              schema: {$ref: "#/components/schemas/Order"}
                components:
                  schemas:
                    Order:
                      type: object
                      required: [id, customer, status]
                      properties:
                        id: {type: string}
                        customer: {type: string}
                        status: {type: string, enum: [NEW, CONFIRMED, SHIPPED, CANCELLED]}
                        total: %s
                """.formatted(version, totalSchema);
    }

    private CaseResult run(String document, String steps) throws Exception {
        Files.writeString(dir.resolve("openapi.yaml"), document);
        RunOptions o = new RunOptions();
        o.variables.put("baseUrl", demo.url());
        o.suiteDirectory = dir;
        return Suites.only(Suites.run("""
                spec:
                  cases:
                    - id: OA
                      title: the contract holds
                      steps:
                %s
                """.formatted(steps.indent(8)), o));
    }

    static final String CREATE_WITHOUT_TOTAL = """
            - http: {method: POST, url: "${baseUrl}/api/v1/orders", body: {customer: contract}}
              expect: {status: 201, openapi: {spec: openapi.yaml, operationId: createOrder}}
            """;

    @Test
    void aResponseTheContractDeclaresPasses31() throws Exception {
        CaseResult c = run(document("3.1.0", "{type: [number, \"null\"]}"), CREATE_WITHOUT_TOTAL + """
                - http: {method: GET, url: "${baseUrl}/api/v1/orders"}
                  expect: {openapi: {spec: openapi.yaml, operationId: listOrders}}
                """);
        assertThat(c.outcome).as(c.message).isEqualTo(Outcome.PASSED);
    }

    @Test
    void aBodyThatBreaksTheSchemaNamesOperationPointerAndRule() throws Exception {
        CaseResult c = run(document("3.1.0", "{type: string}"), """
                - http: {method: POST, url: "${baseUrl}/api/v1/orders", body: {customer: contract, total: 12.5}}
                  expect: {openapi: {spec: openapi.yaml, operationId: createOrder}}
                """);
        assertThat(c.outcome).isEqualTo(Outcome.FAILED);
        assertThat(c.errorKind).isEqualTo(ErrorKind.OPENAPI);
        assertThat(c.message).contains("openapi createOrder (POST /api/v1/orders): response 201 application/json: the body does not match the schema: /total: number found, string expected (rule type)")
                .contains("(rule type)");
    }

    @Test
    void anUndeclaredStatusFails() throws Exception {
        CaseResult c = run(document("3.1.0", "{type: number}"), """
                - http: {method: GET, url: "${baseUrl}/api/v1/orders/no-such-order"}
                  expect: {openapi: {spec: openapi.yaml, operationId: getOrder}}
                """);
        assertThat(c.outcome).isEqualTo(Outcome.FAILED);
        assertThat(c.message).contains("openapi getOrder (GET /api/v1/orders/{id}): status 404 is not declared (declared: 200)");
    }

    @Test
    void openApi30ReadsNullable() throws Exception {
        assertThat(run(document("3.0.3", "{type: number, nullable: true}"), CREATE_WITHOUT_TOTAL).outcome).isEqualTo(Outcome.PASSED);
        var order = dev.itf.json.Json.MAPPER.readTree("{\"id\": \"1\", \"customer\": \"c\", \"status\": \"NEW\", \"total\": null}");
        String pointer = "/components/schemas/Order";
        var nullable = new OpenApiContract(dev.itf.json.Json.YAML.readTree(document("3.0.3", "{type: number, nullable: true}")), "a.yaml");
        assertThat(nullable.schema(pointer).validate(order)).isEmpty();
        var strict = new OpenApiContract(dev.itf.json.Json.YAML.readTree(document("3.0.3", "{type: number}")), "b.yaml");
        assertThat(strict.schema(pointer).validate(order)).singleElement().satisfies(m -> {
            assertThat(m.getInstanceLocation().toString()).isEqualTo("/total");
            assertThat(m.getType()).isEqualTo("type");
        });
    }

    @Test
    void anUnknownOperationErrorsNamingTheKnownOnes() throws Exception {
        CaseResult c = run(document("3.1.0", "{type: number}"), """
                - http: {method: GET, url: "${baseUrl}/api/v1/orders"}
                  expect: {openapi: {spec: openapi.yaml, operationId: listOrder}}
                """);
        assertThat(c.outcome).isIn(Outcome.ERRORED, Outcome.FAILED);
        assertThat(c.message).contains("openapi.yaml has no operation \"listOrder\"; its operations are listOrders, createOrder, getOrder");
    }
}
