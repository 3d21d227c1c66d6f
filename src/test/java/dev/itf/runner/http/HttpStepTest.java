package dev.itf.runner.http;

import dev.itf.results.CaseResult;
import dev.itf.results.Outcome;
import dev.itf.results.RunResult;
import dev.itf.runner.Suites;
import dev.itf.runner.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Map;

import static dev.itf.runner.Suites.only;
import static org.assertj.core.api.Assertions.assertThat;

class HttpStepTest {

    private TestServer server;

    @BeforeEach
    void start() throws Exception {
        server = TestServer.http()
                .route("/echo", ex -> TestServer.respond(ex, 200, "application/json",
                        "{\"method\":\"" + ex.getRequestMethod() + "\"}"))
                .route("/redirect", ex -> {
                    ex.getResponseHeaders().set("Location", "/echo");
                    TestServer.respond(ex, 302, null, null);
                })
                .route("/slow", ex -> {
                    try {
                        Thread.sleep(2000);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    TestServer.respond(ex, 200, "text/plain", "late");
                });
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private CaseResult run(String steps) {
        RunResult r = Suites.run("""
                spec:
                  defaults: {headers: {Accept: application/json, X-Default: from-defaults}}
                  cases:
                    - id: C1
                      title: case
                      steps:
                """ + steps.indent(8), Map.of("base", server.url()));
        return only(r);
    }

    @ParameterizedTest
    @ValueSource(strings = {"GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"})
    void everyMethodIsSent(String method) {
        CaseResult c = run("""
                - http: {method: %s, url: "${base}/echo"}
                  expect: {status: 200}
                """.formatted(method));
        assertThat(c.outcome).as(c.message).isEqualTo(Outcome.PASSED);
        assertThat(server.last().method()).isEqualTo(method);
    }

    @Test
    void queryHeadersAndJsonBody() {
        CaseResult c = run("""
                - http:
                    method: POST
                    url: "${base}/echo"
                    query: {limit: "10", q: "a b&c"}
                    headers: {X-Default: from-step, X-Trace: "t-${uuid()}"}
                    body: {name: "${base}", items: [1, 2]}
                  expect: {status: 200}
                """);
        assertThat(c.outcome).as(c.message).isEqualTo(Outcome.PASSED);
        TestServer.Request req = server.last();
        assertThat(req.query()).isEqualTo("limit=10&q=a%20b%26c");
        assertThat(req.header("X-Default")).isEqualTo("from-step");
        assertThat(req.header("Accept")).isEqualTo("application/json");
        assertThat(req.header("X-Trace")).startsWith("t-");
        assertThat(req.header("Content-Type")).isEqualTo("application/json");
        assertThat(req.body()).isEqualTo("{\"name\":\"" + server.url() + "\",\"items\":[1,2]}");
    }

    @Test
    void textBodyIsSentAsIsAndFormBodyIsUrlEncoded() {
        assertThat(run("""
                - http: {method: POST, url: "${base}/echo", body: "plain ${base}"}
                """).outcome).isEqualTo(Outcome.PASSED);
        assertThat(server.last().body()).isEqualTo("plain " + server.url());
        assertThat(server.last().header("Content-Type")).isEqualTo("text/plain; charset=utf-8");

        assertThat(run("""
                - http: {method: POST, url: "${base}/echo", body: "<a/>", headers: {Content-Type: application/xml}}
                """).outcome).isEqualTo(Outcome.PASSED);
        assertThat(server.last().header("Content-Type")).isEqualTo("application/xml");

        assertThat(run("""
                - http: {method: POST, url: "${base}/echo", form: {user: "a b", pass: "x&y"}}
                """).outcome).isEqualTo(Outcome.PASSED);
        assertThat(server.last().body()).isEqualTo("user=a+b&pass=x%26y");
        assertThat(server.last().header("Content-Type")).isEqualTo("application/x-www-form-urlencoded");
    }

    @Test
    void redirectsAreFollowedUnlessTurnedOff() {
        CaseResult followed = run("""
                - http: {url: "${base}/redirect"}
                  expect: {status: 200, jsonPath: [{path: $.method, equals: GET}]}
                """);
        assertThat(followed.outcome).as(followed.message).isEqualTo(Outcome.PASSED);
        CaseResult notFollowed = run("""
                - http: {url: "${base}/redirect", followRedirects: false}
                  expect: {status: 200}
                  capture: {location: "header:Location"}
                """);
        assertThat(notFollowed.outcome).isEqualTo(Outcome.FAILED);
        assertThat(notFollowed.message).isEqualTo("step \"http 1\": status: expected 200, actual 302");
        CaseResult captured = run("""
                - http: {url: "${base}/redirect", followRedirects: false}
                  expect: {status: 3xx}
                  capture: {location: "header:Location"}
                - http: {url: "${base}${location}"}
                  expect: {status: 200}
                """);
        assertThat(captured.outcome).as(captured.message).isEqualTo(Outcome.PASSED);
        assertThat(server.last().path()).isEqualTo("/echo");
    }

    @Test
    void stepTimeoutErrorsTheStep() {
        CaseResult c = run("""
                - name: slow
                  http: {url: "${base}/slow", timeout: 300ms}
                - name: after
                  http: {url: "${base}/echo"}
                """);
        assertThat(c.outcome).isEqualTo(Outcome.ERRORED);
        assertThat(c.message).startsWith("step \"slow\": GET " + server.url() + "/slow: no response within 300ms");
        assertThat(c.steps.get(1).outcome).isEqualTo(Outcome.SKIPPED);
    }

    @Test
    void connectionRefusedErrorsNamingTheAddress() throws Exception {
        String url;
        try (TestServer gone = TestServer.http()) {
            url = gone.url();
        }
        RunResult r = Suites.run("""
                spec:
                  cases:
                    - id: C1
                      title: down
                      steps:
                        - http: {url: "%s/x"}
                """.formatted(url), Map.of());
        assertThat(only(r).outcome).isEqualTo(Outcome.ERRORED);
        assertThat(only(r).message).startsWith("step \"http 1\": GET " + url + "/x: cannot connect");
    }

    @Test
    void credentialsInHeadersAndRunVariablesNeverReachTheLog() {
        RunResult r = Suites.run("""
                spec:
                  cases:
                    - id: C1
                      title: secrets
                      steps:
                        - http:
                            url: "${base}/echo?token=${apiToken}"
                            headers: {Authorization: "Bearer abc.def.ghi", X-Api-Key: "k-12345"}
                          expect: {status: 500}
                """, Map.of("base", server.url(), "apiToken", "tok-98765"));
        CaseResult c = only(r);
        String everything = c.message + String.join("\n", c.steps.get(0).log);
        assertThat(everything).doesNotContain("abc.def.ghi", "k-12345", "tok-98765");
        assertThat(c.steps.get(0).log).contains("> Authorization: ******", "> X-Api-Key: ******");
        assertThat(c.steps.get(0).log.get(0)).isEqualTo("GET " + server.url() + "/echo?token=******");
        assertThat(c.steps.get(0).log).anyMatch(line -> line.matches("< 200 in [0-9]+ ms"));
        assertThat(r.variables).containsEntry("apiToken", "******").containsEntry("base", server.url());
    }

    @Test
    void graphqlSendsQueryVariablesAndOperationName() {
        server.route("/graphql", ex -> {
            String body = server.last().body();
            TestServer.respond(ex, 200, "application/json", body.contains("\"id\":\"7\"")
                    ? "{\"data\":{\"order\":{\"id\":\"7\",\"status\":\"NEW\"}}}"
                    : "{\"data\":null,\"errors\":[{\"message\":\"order not found\"}]}");
        });
        CaseResult ok = run("""
                - graphql:
                    url: "${base}/graphql"
                    query: "query Order($id: ID!){ order(id:$id){ id status } }"
                    variables: {id: "${orderId}"}
                    operationName: Order
                  expect: {graphql: {noErrors: true}, jsonPath: [{path: $.data.order.status, equals: NEW}]}
                """.replace("${orderId}", "7"));
        assertThat(ok.outcome).as(ok.message).isEqualTo(Outcome.PASSED);
        assertThat(server.last().body()).isEqualTo(
                "{\"query\":\"query Order($id: ID!){ order(id:$id){ id status } }\",\"variables\":{\"id\":\"7\"},\"operationName\":\"Order\"}");
        assertThat(server.last().header("X-Default")).isEqualTo("from-defaults");

        CaseResult mutation = run("""
                - graphql:
                    url: "${base}/graphql"
                    query: "mutation { cancel(id: 8) { id } }"
                  expect: {graphql: {noErrors: true}}
                """);
        assertThat(mutation.outcome).isEqualTo(Outcome.FAILED);
        assertThat(mutation.message).isEqualTo(
                "step \"graphql 1\": graphql noErrors: expected no errors, actual [{\"message\":\"order not found\"}]");
    }

    @Test
    void authProfilesAddCredentialsThatNeverReachTheLog() {
        String basic = "Basic " + java.util.Base64.getEncoder().encodeToString("alice:wonder-pass".getBytes());
        server.route("/secure", ex -> {
            String auth = ex.getRequestHeaders().getFirst("Authorization");
            String query = ex.getRequestURI().getRawQuery();
            boolean ok = basic.equals(auth) || (query != null && query.contains("api_key=key-4711"));
            TestServer.respond(ex, ok ? 200 : 401, "text/plain", ok ? "welcome" : "who are you");
        });
        RunResult r = Suites.run("""
                spec:
                  auth:
                    admin: {basic: {username: alice, password: wonder-pass}}
                    partner: {apiKey: {in: query, name: api_key, value: key-4711}}
                  cases:
                    - id: AUTH
                      title: auth
                      steps:
                        - {name: basic, http: {url: "${base}/secure", auth: admin}, expect: {status: 200}}
                        - {name: query key, http: {url: "${base}/secure", query: {page: "1"}, auth: partner}, expect: {status: 200}}
                        - {name: anonymous, http: {url: "${base}/secure", auth: none}, expect: {status: 401}}
                        - {name: unknown, http: {url: "${base}/secure", auth: nobody}}
                """, Map.of("base", server.url()));
        CaseResult c = only(r);
        assertThat(c.steps).extracting(st -> st.outcome)
                .containsExactly(Outcome.PASSED, Outcome.PASSED, Outcome.PASSED, Outcome.ERRORED);
        assertThat(c.message).startsWith("step \"unknown\": auth profile nobody is not defined in spec.auth");
        assertThat(c.steps.get(1).log.get(0)).isEqualTo("GET " + server.url() + "/secure?page=1");
        String logs = c.steps.stream().flatMap(st -> st.log.stream()).reduce("", (a, b) -> a + "\n" + b);
        assertThat(logs).doesNotContain("wonder-pass", "key-4711", basic.substring(6));
    }

    @Test
    void stepOnAComponentWithoutAddressErrorsNamingTheVariable() {
        CaseResult c = run("""
                - http: {url: "${base}/echo"}
                - redis: {component: cache, command: [GET, x]}
                """);
        assertThat(c.outcome).isEqualTo(Outcome.ERRORED);
        assertThat(c.message).startsWith("step \"redis 2\": redis: component 'cache' has no uri (components.cache.uri)");
    }

    @Test
    void stepWithSeveralActionsErrors() {
        CaseResult c = run("""
                - http: {url: "${base}/echo"}
                - http: {url: "${base}/echo"}
                  wait: {duration: 1ms}
                """);
        assertThat(c.outcome).isEqualTo(Outcome.ERRORED);
        assertThat(c.message).isEqualTo("step \"step 2\": the step sets several actions (http, wait): set exactly one");
    }
}
