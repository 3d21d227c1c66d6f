package dev.itf.validation;

import dev.itf.api.TestEnvironment;
import dev.itf.api.TestSuite;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class SuiteValidatorTest {

    /** The suite of the product specification, every step kind included. */
    static final String FULL_SUITE = """
            apiVersion: itf.dev/v1alpha1
            kind: TestSuite
            metadata: {name: orders-api}
            spec:
              description: Orders API and event flow
              variables: {baseUrl: "${components.orders-api.url}"}
              auth:
                admin:   {basic: {secretRef: {name: orders-admin}}}
                partner: {apiKey: {in: header, name: X-API-Key, secretRef: {name: partner-key, key: key}}}
                service: {oauth2: {tokenUrl: "${baseUrl}/oauth/token", clientId: itf, clientSecretRef: {name: oauth, key: secret}, scopes: [orders.read]}}
                user:    {jwt: {algorithm: HS256, secretRef: {name: jwt-key, key: key}, claims: {sub: alice, roles: [user]}, expiresIn: 5m}}
              defaults: {timeout: 30s, retries: 0, headers: {Accept: application/json}}
              cases:
                - id: API_001
                  title: List orders
                  tags: [smoke]
                  timeout: 10s
                  retries: 1
                  steps:
                    - name: list
                      http:
                        method: GET
                        url: "${baseUrl}/api/v1/orders"
                        query: {limit: "10"}
                        body: {any: yaml}
                        auth: admin
                      expect:
                        status: 200
                        headers: {Content-Type: {matches: "application/json.*"}}
                        format: json
                        schema: {type: array}
                        jsonPath:
                          - {path: "$.length()", greaterThan: 0}
                          - {path: "$[0].status", equals: NEW}
                        body: {contains: "id"}
                        maxDuration: 200ms
                      capture: {firstId: "$[0].id", location: "header:Location"}
                    - graphql: {url: "${baseUrl}/graphql", query: "query($id: ID!){ order(id:$id){ id status } }", variables: {id: "${firstId}"}, auth: user}
                      expect: {graphql: {noErrors: true}, jsonPath: [{path: $.data.order.status, equals: NEW}]}
                    - publish: {component: events, destination: orders.created, body: {id: "${firstId}"}}
                    - expectMessage: {component: events, destination: orders.confirmed, match: [{path: $.id, equals: "${firstId}"}], within: 5s}
                    - sql: {component: orders-db, query: "select status from orders where id = ?", params: ["${firstId}"]}
                      expect: {rows: 1, jsonPath: [{path: "$[0].status", equals: CONFIRMED}]}
                    - redis: {component: cache, command: [GET, "order:${firstId}"]}
                      expect: {body: {contains: CONFIRMED}}
                    - wait: {duration: 1s}
                    - http: {url: "${baseUrl}/api/v1/orders/${uuid()}?at=${now()}&n=${randomInt(1,10)}", auth: none}
                      expect: {status: [404, "4xx"]}
            """;

    static final String ENVIRONMENT = """
            apiVersion: itf.dev/v1alpha1
            kind: TestEnvironment
            metadata: {name: orders-stack}
            spec:
              components:
                - {name: orders-api, type: service, image: ghcr.io/acme/orders:1.4.2, ports: [{name: http, port: 8080}]}
                - {name: orders-db, type: database, engine: postgres}
                - {name: events, type: queue, engine: rabbitmq}
                - {name: cache, type: cache, engine: redis}
            """;

    private static List<String> problems(String yaml) {
        return SuiteValidator.validate(Yaml.read(TestSuite.class, yaml)).stream().map(Problem::toString).toList();
    }

    private static String suite(String cases) {
        return """
                apiVersion: itf.dev/v1alpha1
                kind: TestSuite
                metadata: {name: s}
                spec:
                  auth:
                    admin: {basic: {secretRef: {name: admin}}}
                  cases:
                """ + cases.indent(4);
    }

    @Test
    void theSuiteOfTheSpecificationIsValid() {
        assertThat(problems(FULL_SUITE)).isEmpty();
    }

    @Test
    void theSuiteOfTheSpecificationFitsItsEnvironment() {
        TestSuite suite = Yaml.read(TestSuite.class, FULL_SUITE);
        TestEnvironment env = Yaml.read(TestEnvironment.class, ENVIRONMENT);
        assertThat(SuiteValidator.validateAgainst(suite, env)).isEmpty();
    }

    @Test
    void requiredFields() {
        assertThat(problems("""
                apiVersion: itf.dev/v1alpha1
                kind: TestSuite
                metadata: {name: Bad_Name}
                spec: {cases: [{steps: []}]}
                """)).containsExactly(
                "metadata.name: \"Bad_Name\" is not a valid name: lower case letters, digits, '-' and '.', starting and ending with a letter or digit",
                "spec.cases[0].id: is required",
                "spec.cases[0].title: is required",
                "spec.cases[0].steps: is required");
        assertThat(problems("apiVersion: itf.dev/v1alpha1\nkind: TestSuite\nmetadata: {name: s}\nspec: {}\n"))
                .containsExactly("spec.cases: is required");
    }

    @Test
    void caseIdsAreUnique() {
        assertThat(problems(suite("""
                - {id: A, title: a, steps: [{wait: {duration: 1s}}]}
                - {id: B, title: b, steps: [{wait: {duration: 1s}}]}
                - {id: A, title: c, steps: [{wait: {duration: 1s}}]}
                """))).containsExactly("spec.cases[2].id: duplicate case id \"A\" (also spec.cases[0].id)");
    }

    @Test
    void aStepSetsExactlyOneAction() {
        assertThat(problems(suite("""
                - id: A
                  title: a
                  steps:
                    - {name: nothing}
                    - {wait: {duration: 1s}, http: {url: "http://x"}}
                """))).containsExactly(
                "spec.cases[0].steps[0]: set one action: http, graphql, publish, expectMessage, sql, redis, wait, security, load",
                "spec.cases[0].steps[1]: sets http and wait; a step sets exactly one action");
    }

    @Test
    void anAuthNameMustBeDefined() {
        assertThat(problems(suite("""
                - id: A
                  title: a
                  steps:
                    - http: {url: "http://x", auth: admin}
                    - http: {url: "http://x", auth: none}
                    - graphql: {url: "http://x", query: "{a}", auth: root}
                """))).containsExactly(
                "spec.cases[0].steps[2].graphql.auth: auth \"root\" is not defined; spec.auth has admin");
    }

    @Test
    void authProfilesSetExactlyOneSchemeAndWhatItNeeds() {
        assertThat(problems("""
                apiVersion: itf.dev/v1alpha1
                kind: TestSuite
                metadata: {name: s}
                spec:
                  auth:
                    none: {bearer: {token: t}}
                    two: {bearer: {token: t}, basic: {username: u, password: p}}
                    empty: {}
                    basic: {basic: {username: u}}
                    key: {apiKey: {in: cookie, value: v}}
                    bearer: {bearer: {token: t, secretRef: {name: tok}}}
                    oauth: {oauth2: {grant: password, clientSecret: s}}
                    jwt: {jwt: {algorithm: ES256, expiresIn: soon}}
                  cases: [{id: A, title: a, steps: [{wait: {duration: 1s}}]}]
                """)).containsExactly(
                "spec.auth.none: \"none\" is reserved: a step says auth: none to send no credentials",
                "spec.auth.two: sets basic and bearer; set exactly one scheme",
                "spec.auth.empty: set one of basic, apiKey, bearer, oauth2, jwt",
                "spec.auth.basic.basic: set secretRef (keys username and password), or username and password",
                "spec.auth.key.apiKey.name: is required",
                "spec.auth.key.apiKey.in: \"cookie\" is not one of header, query",
                "spec.auth.bearer.bearer: set secretRef or token, not both",
                "spec.auth.oauth.oauth2.tokenUrl: is required",
                "spec.auth.oauth.oauth2.clientId: is required",
                "spec.auth.oauth.oauth2.username: is required",
                "spec.auth.oauth.oauth2: set passwordRef or password",
                "spec.auth.jwt.jwt.algorithm: \"ES256\" is not one of HS256, RS256",
                "spec.auth.jwt.jwt: set secretRef or key",
                "spec.auth.jwt.jwt.expiresIn: \"soon\" is not a duration such as 500ms, 30s, 5m or 1h30m");
    }

    @Test
    void durationsTemplatesRegexesJsonPathsAndSchemasParse() {
        assertThat(problems(suite("""
                - id: A
                  title: a
                  timeout: 10 seconds
                  steps:
                    - http: {url: "${baseUrl/x", headers: {X-Id: "${uid()}", X-N: "${randomInt(1)}", X-V: "${a b}"}}
                      expect:
                        status: 999
                        headers: {Location: {matches: "(unclosed"}}
                        schema: {type: arrays}
                        jsonPath: [{path: "$[?(", equals: 1}, {path: $.a}]
                        maxDuration: fast
                      capture: {id: "$..[", where: location}
                    - wait: {duration: 1x}
                """))).containsExactly(
                "spec.cases[0].timeout: \"10 seconds\" is not a duration such as 500ms, 30s, 5m or 1h30m",
                "spec.cases[0].steps[0].http.url: unclosed template expression \"${baseUrl/x\": add a closing }",
                "spec.cases[0].steps[0].http.headers.X-Id: unknown template function \"uid()\": use uuid(), now() or randomInt(a,b)",
                "spec.cases[0].steps[0].http.headers.X-N: randomInt(a,b) needs two integers, got \"1\"",
                "spec.cases[0].steps[0].http.headers.X-V: \"${a b}\" is not a variable name: letters, digits, _ and -, parts separated by dots",
                "spec.cases[0].steps[0].expect.status: must be between 100 and 599, not 999",
                "spec.cases[0].steps[0].expect.headers.Location.matches: \"(unclosed\" is not a valid regular expression: Unclosed group",
                "spec.cases[0].steps[0].expect.schema: not a valid JSON Schema: $.type: does not have a value in the enumeration [\"array\", \"boolean\", \"integer\", \"null\", \"number\", \"object\", \"string\"]",
                "spec.cases[0].steps[0].expect.schema: not a valid JSON Schema: $.type: string found, array expected",
                "spec.cases[0].steps[0].expect.jsonPath[0].path: \"$[?(\" is not a valid JSONPath: Could not parse token starting at position 1. Expected ?, ', 0-9, *",
                "spec.cases[0].steps[0].expect.jsonPath[1]: set one of equals, notEquals, greaterThan, lessThan, matches, exists, contains",
                "spec.cases[0].steps[0].expect.maxDuration: \"fast\" is not a duration such as 500ms, 30s, 5m or 1h30m",
                "spec.cases[0].steps[0].capture.id: \"$..[\" is not a valid JSONPath",
                "spec.cases[0].steps[0].capture.where: \"location\" is not a capture source: a JSONPath such as $.id, header:NAME, status or body",
                "spec.cases[0].steps[1].wait.duration: \"1x\" is not a duration such as 500ms, 30s, 5m or 1h30m");
    }

    @Test
    void expectMessageGivesMatchAndCountOrSequence() {
        assertThat(problems(suite("""
                - id: A
                  title: a
                  steps:
                    - expectMessage:
                        component: events
                        uri: amqp://localhost
                        destination: d
                        within: 5s
                        count: 2
                        sequence: [[{path: $.s, equals: A}], []]
                        absent: true
                    - expectMessage: {destination: d}
                    - publish: {uri: "http://broker", destination: d, qos: 3}
                    - sql: {uri: "redis://db", query: "select 1"}
                """))).containsExactly(
                "spec.cases[0].steps[0].expectMessage: set component or uri, not both",
                "spec.cases[0].steps[0].expectMessage: set match/count or sequence, not both",
                "spec.cases[0].steps[0].expectMessage.absent: absent applies to match, not to sequence",
                "spec.cases[0].steps[0].expectMessage.sequence[1]: must list at least one expectation",
                "spec.cases[0].steps[1].expectMessage: set component (a component of the environment) or uri",
                "spec.cases[0].steps[1].expectMessage.within: is required",
                "spec.cases[0].steps[2].publish.uri: \"http://broker\" must start with one of amqp://, amqps://, kafka://, nats://, mqtt://, mqtts://",
                "spec.cases[0].steps[2].publish.qos: must be between 0 and 2, not 3",
                "spec.cases[0].steps[3].sql.uri: \"redis://db\" must start with one of postgresql://, postgres://, mysql://, mariadb://");
    }

    @Test
    void expectationsApplyToTheirStepKinds() {
        assertThat(problems(suite("""
                - id: A
                  title: a
                  steps:
                    - redis: {component: cache, command: [PING]}
                      expect: {status: 200, rows: 1, graphql: {noErrors: true}}
                      capture: {s: status}
                """))).containsExactly(
                "spec.cases[0].steps[0].expect.status: applies to http, graphql and load steps only",
                "spec.cases[0].steps[0].expect.graphql: applies to graphql steps only",
                "spec.cases[0].steps[0].expect.rows: applies to sql steps only",
                "spec.cases[0].steps[0].capture.s: status can be captured from http and graphql steps only");
    }

    @Test
    void componentsMustExistInTheEnvironmentWithTheRightType() {
        TestSuite suite = Yaml.read(TestSuite.class, suite("""
                - id: A
                  title: a
                  steps:
                    - publish: {component: orders-db, destination: d}
                    - redis: {component: sessions, command: [PING]}
                    - http: {url: "${components.web.url}/x"}
                """));
        TestEnvironment env = Yaml.read(TestEnvironment.class, ENVIRONMENT);

        assertThat(SuiteValidator.validateAgainst(suite, env)).extracting(Problem::toString).containsExactly(
                "spec.cases[0].steps[0].publish.component: component \"orders-db\" is a database, a publish step needs a queue",
                "spec.cases[0].steps[1].redis.component: component \"sessions\" is not defined in TestEnvironment \"orders-stack\"",
                "spec.cases[0].steps[2].http.url: component \"web\" is not defined in TestEnvironment \"orders-stack\"");
    }

    @Test
    void referencesNameEverySecretAndConfigMapWithTheKeysTheyNeed() {
        TestSuite suite = Yaml.read(TestSuite.class, FULL_SUITE);
        List<Reference> refs = SuiteValidator.references(suite.getSpec());

        assertThat(refs).extracting(Reference::toString).containsExactly(
                "Reference[kind=Secret, name=orders-admin, key=username, path=spec.auth.admin.basic.secretRef]",
                "Reference[kind=Secret, name=orders-admin, key=password, path=spec.auth.admin.basic.secretRef]",
                "Reference[kind=Secret, name=partner-key, key=key, path=spec.auth.partner.apiKey.secretRef]",
                "Reference[kind=Secret, name=oauth, key=secret, path=spec.auth.service.oauth2.clientSecretRef]",
                "Reference[kind=Secret, name=jwt-key, key=key, path=spec.auth.user.jwt.secretRef]");

        Map<String, Set<String>> secrets = Map.of("orders-admin", Set.of("username"), "partner-key", Set.of("key"), "oauth", Set.of("secret"));
        List<Problem> problems = ReferenceCheck.check(refs, (kind, name) -> secrets.get(name), "qa", true);
        assertThat(problems).extracting(Problem::toString).containsExactly(
                "spec.auth.admin.basic.secretRef: Secret \"orders-admin\" has no key \"password\"",
                "spec.auth.user.jwt.secretRef: Secret \"jwt-key\" not found in namespace \"qa\"");
        assertThat(problems).extracting(Problem::reason).containsOnly("SecretNotFound");
        assertThat(ReferenceCheck.check(refs, (kind, name) -> null, null, false)).isEmpty();
    }
}
