package dev.itf.cli;

import dev.itf.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import dev.itf.demo.DemoOptions;
import dev.itf.demo.DemoTarget;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** itf run with every auth scheme against the demo target: results right, and no credential in any report. */
class AuthSuiteRunTest {

    private static final String[] SECRETS = {"demo-pass", "wrong-pass", "itf-secret", "demo-jwt-secret", "demo-key"};
    private static DemoTarget target;

    @BeforeAll
    static void start() throws Exception {
        target = new DemoTarget(DemoOptions.defaults(0)).start();
    }

    @AfterAll
    static void stop() {
        target.close();
    }

    private static final String AUTH = """
            apiVersion: itf.dev/v1alpha1
            kind: TestSuite
            metadata: {name: auth-schemes}
            spec:
              auth:
                admin: {basic: {username: demo, password: demo-pass}}
                wrong: {basic: {username: demo, password: wrong-pass}}
                key: {apiKey: {in: query, name: api_key, value: demo-key}}
                header: {apiKey: {name: X-API-Key, value: demo-key}}
                service: {oauth2: {tokenUrl: "${baseUrl}/oauth/token", clientId: itf, clientSecret: itf-secret, scopes: [orders.read]}}
                enduser: {oauth2: {grant: password, tokenUrl: "${baseUrl}/oauth/token", clientId: itf, clientSecret: itf-secret, username: demo, password: demo-pass}}
                badclient: {oauth2: {tokenUrl: "${baseUrl}/oauth/token", clientId: itf, clientSecret: wrong-pass}}
                user: {jwt: {key: demo-jwt-secret, claims: {sub: "${who}"}, expiresIn: 5m}}
                expired: {jwt: {key: demo-jwt-secret, claims: {sub: alice}, expiresIn: -1m}}
            """;

    private static Path suite(Path dir, String cases) throws Exception {
        Path file = dir.resolve("suite.yaml");
        Files.writeString(file, AUTH + cases);
        return file;
    }

    private static JsonNode run(Path dir, Path suite, int expectedExit) throws Exception {
        int exit = ItfCommand.execute("run", suite.toString(), "--var", "baseUrl=http://localhost:" + target.port(),
                "--var", "who=alice", "--parallel", "4", "--report-dir", dir.resolve("reports").toString(), "--format", "json,junit");
        assertThat(exit).isEqualTo(expectedExit);
        String json = Files.readString(dir.resolve("reports/itf-results.json"));
        String junit = Files.readString(dir.resolve("reports/junit.xml"));
        assertThat(json).doesNotContain(SECRETS);
        assertThat(junit).doesNotContain(SECRETS);
        return Json.MAPPER.readTree(json);
    }

    @Test
    void everySchemePassesAndTheReportsHoldNoCredential(@TempDir Path dir) throws Exception {
        JsonNode result = run(dir, suite(dir, """
                  cases:
                    - id: BASIC
                      title: basic
                      steps:
                        - http: {method: GET, url: "${baseUrl}/secure/basic", auth: admin}
                          expect: {status: 200, jsonPath: [{path: $.user, equals: demo}]}
                        - http: {method: GET, url: "${baseUrl}/secure/basic", auth: wrong}
                          expect: {status: 401}
                    - id: APIKEY
                      title: api key in the query and a header
                      steps:
                        - http: {method: GET, url: "${baseUrl}/secure/apikey", auth: key}
                          expect: {status: 200, jsonPath: [{path: $.in, equals: query}]}
                        - http: {method: GET, url: "${baseUrl}/secure/apikey", auth: header}
                          expect: {status: 200, jsonPath: [{path: $.in, equals: header}]}
                    - id: OAUTH
                      title: oauth2 both grants
                      steps:
                        - http: {method: GET, url: "${baseUrl}/secure/oauth", auth: service}
                          expect: {status: 200, jsonPath: [{path: $.scope, equals: orders.read}]}
                        - http: {method: GET, url: "${baseUrl}/secure/oauth", auth: enduser}
                          expect: {status: 200, jsonPath: [{path: $.user, equals: demo}]}
                    - id: JWT
                      title: jwt valid and expired
                      steps:
                        - http: {method: GET, url: "${baseUrl}/secure/jwt", auth: user}
                          expect: {status: 200, jsonPath: [{path: $.claims.sub, equals: alice}]}
                        - graphql: {url: "${baseUrl}/graphql", query: "{ orders(limit: 1) { id } }", auth: user}
                          expect: {graphql: {noErrors: true}}
                        - http: {method: GET, url: "${baseUrl}/secure/jwt", auth: expired}
                          expect: {status: 401, body: {contains: token expired}}
                """), ItfCommand.OK);

        assertThat(result.at("/summary/passed").asInt()).isEqualTo(4);
    }

    @Test
    void aRejectedCredentialFailsTheCaseAndABadTokenRequestErrorsIt(@TempDir Path dir) throws Exception {
        JsonNode result = run(dir, suite(dir, """
                  cases:
                    - id: WRONG
                      title: wrong password expected to pass
                      steps:
                        - http: {method: GET, url: "${baseUrl}/secure/basic", auth: wrong}
                          expect: {status: 200}
                    - id: TOKEN
                      title: token request refused
                      steps:
                        - http: {method: GET, url: "${baseUrl}/secure/oauth", auth: badclient}
                          expect: {status: 200}
                """), ItfCommand.FAILED);

        assertThat(result.at("/cases/0/outcome").asText()).isEqualTo("failed");
        assertThat(result.at("/cases/1/outcome").asText()).isEqualTo("errored");
        assertThat(result.at("/cases/1").toString())
                .contains("auth profile badclient: token request to http://localhost:" + target.port() + "/oauth/token failed: HTTP 401 (invalid_client)");
    }
}
