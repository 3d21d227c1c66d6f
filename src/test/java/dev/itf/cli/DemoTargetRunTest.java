package dev.itf.cli;

import dev.itf.demo.DemoOptions;
import dev.itf.demo.DemoTarget;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** itf run end to end against the built-in demo target: REST, GraphQL, auth profiles, retries, reports. */
class DemoTargetRunTest {

    @TempDir
    Path dir;
    private DemoTarget demo;

    @BeforeEach
    void start() throws Exception {
        demo = new DemoTarget(DemoOptions.defaults(0)).start();
    }

    @AfterEach
    void stop() {
        demo.close();
    }

    @Test
    void ordersSuitePassesWithCapturesGraphqlAuthAndRetries() throws Exception {
        Path suite = dir.resolve("orders.yaml");
        Files.writeString(suite, """
                apiVersion: itf.dev/v1alpha1
                kind: TestSuite
                metadata: {name: demo-orders}
                spec:
                  variables: {baseUrl: "${components.demo.url}"}
                  auth:
                    admin: {basic: {username: demo, password: demo-pass}}
                    user: {jwt: {algorithm: HS256, key: demo-jwt-secret, claims: {sub: alice}, expiresIn: 5m}}
                    service: {oauth2: {tokenUrl: "${baseUrl}/oauth/token", clientId: itf, clientSecret: itf-secret}}
                  defaults: {timeout: 10s, headers: {Accept: application/json}}
                  cases:
                    - id: ORD_001
                      title: Create, read and query an order
                      tags: [smoke]
                      steps:
                        - name: create
                          http: {method: POST, url: "${baseUrl}/api/v1/orders", body: {customer: "c-${randomInt(1,999)}", items: [{sku: A, qty: 2}], total: 12.5}}
                          expect: {status: 201, headers: {Location: {matches: "/api/v1/orders/.+"}}, format: json}
                          capture: {orderId: $.id, location: "header:Location"}
                        - name: read
                          http: {url: "${baseUrl}${location}"}
                          expect:
                            status: 2xx
                            schema: {type: object, required: [id, status], properties: {total: {type: number}}}
                            jsonPath: [{path: $.id, equals: "${orderId}"}, {path: $.total, greaterThan: 12}]
                        - name: graphql
                          graphql: {url: "${baseUrl}/graphql", query: "query($id: ID!){ order(id: $id){ id total } }", variables: {id: "${orderId}"}}
                          expect: {graphql: {noErrors: true}, jsonPath: [{path: $.data.order.id, equals: "${orderId}"}]}
                    - id: AUTH_001
                      title: Secured endpoints
                      steps:
                        - {name: basic, http: {url: "${baseUrl}/secure/basic", auth: admin}, expect: {status: 200}}
                        - {name: jwt, http: {url: "${baseUrl}/secure/jwt", auth: user}, expect: {status: 200}}
                        - {name: oauth, http: {url: "${baseUrl}/secure/oauth", auth: service}, expect: {status: 200}}
                        - {name: anonymous, http: {url: "${baseUrl}/secure/basic"}, expect: {status: 401}}
                    - id: FLAKY_001
                      title: Passes on the second try
                      retries: 2
                      steps:
                        - {http: {url: "${baseUrl}/flaky?failures=1&key=${runKey}"}, expect: {status: 200}}
                """);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = ItfCommand.execute(new PrintWriter(out, true), new PrintWriter(err, true), "run", suite.toString(),
                "--var", "runKey=" + UUID.randomUUID(), "--var", "components.demo.url=http://127.0.0.1:" + demo.port(), "--report-dir", dir.resolve("reports").toString());
        assertThat(code).as(out + "\n" + err).isZero();
        assertThat(out.toString()).contains("PASS ORD_001", "PASS AUTH_001", "FLAKY FLAKY_001",
                "3 cases: 3 passed (1 flaky), 0 failed, 0 errored, 0 skipped");
        String json = Files.readString(dir.resolve("reports/itf-results.json"));
        assertThat(json).doesNotContain("demo-pass", "demo-jwt-secret", "itf-secret");
    }
}
