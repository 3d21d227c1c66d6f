package dev.itf.docs;

import dev.itf.api.TestSuite;
import dev.itf.json.Json;
import dev.itf.results.CaseResult;
import dev.itf.results.Outcome;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Steps read as sentences written from their definitions; HTML is escaped and has a table of contents. */
class SuiteDocsTest {

    private static TestSuite suite(String spec) throws Exception {
        return Json.YAML.readValue("apiVersion: itf.dev/v1alpha1\nkind: TestSuite\nmetadata: {name: events}\n" + spec, TestSuite.class);
    }

    static final String EVENTS = """
            spec:
              description: Events <b>and</b> data
              auth:
                svc: {oauth2: {tokenUrl: "${baseUrl}/oauth/token", clientId: itf, clientSecretRef: {name: oauth, key: secret}, scopes: [orders.read]}}
              cases:
                - id: EV_001
                  title: An order event is confirmed
                  steps:
                    - publish: {component: events, destination: orders/order.created, key: "${id}", body: {id: "${id}", total: 3}}
                    - expectMessage: {component: events, destination: orders.confirmed, match: [{path: $.id, equals: "${id}"}], within: 5s}
                      capture: {status: $.status}
                    - expectMessage: {uri: "amqp://guest:s3cret@rabbit:5672", destination: audit, absent: true, within: 2s}
                    - sql: {component: orders-db, query: "select status from orders where id = ?", params: ["${id}"], within: 10s}
                      expect: {rows: 1, jsonPath: [{path: "$[0].status", equals: CONFIRMED}]}
                    - redis: {component: cache, command: [GET, "order:${id}"]}
                      expect: {body: {equals: CONFIRMED}}
                    - graphql: {url: "${baseUrl}/graphql", query: "query($id: ID!){ order(id:$id){ id status } }", variables: {id: "${id}"}, auth: svc}
                      expect: {graphql: {noErrors: true}, status: [400, 422]}
                    - wait: {duration: 1s}
            """;

    @Test
    void everyKindOfStepReadsAsASentence() throws Exception {
        String md = SuiteDocs.markdown(SuiteDocs.Input.of(suite(EVENTS)));
        assertThat(md).contains(
                "- **Components:** `events`; `orders-db`; `cache`",
                "- **Auth profiles:** `svc`: OAuth2 client_credentials grant from `${baseUrl}/oauth/token`, scopes `orders.read`",
                "1. Publish a message with a JSON body with the fields `id`, `total` to `orders/order.created` on the component `events`, with the key `${id}`.",
                "2. Expect a message where `$.id` equals `${id}` on `orders.confirmed` on the component `events` within 5s. Capture `status` from `$.status`.",
                "3. Expect no message on `audit` on `amqp://rabbit:5672` within 2s.",
                "4. Run the query `select status from orders where id = ?` on the component `orders-db` with the parameters `${id}`, again until the expectations hold or 10s have passed.",
                "5. Run the Redis command `GET order:${id}` on the component `cache`.",
                "6. Send the GraphQL query `query($id: ID!){ order(id:$id){ id status } }` to `${baseUrl}/graphql` as the auth profile `svc`, with the variables `{\"id\":\"${id}\"}`.",
                "7. Wait 1s.",
                "- step 4: the query returns 1 row.",
                "- step 4: `$[0].status` equals `CONFIRMED`.",
                "- step 5: the body equals `CONFIRMED`.",
                "- step 6: the GraphQL response has no errors.",
                "**Error conditions**\n\n- step 6: the status is one of 400, 422.",
                "- Auth profile `svc`: OAuth2 client_credentials grant from `${baseUrl}/oauth/token`, scopes `orders.read` (Secret `oauth`).");
        assertThat(md).doesNotContain("s3cret", "guest");
    }

    @Test
    void htmlIsEscapedSelfContainedAndHasATableOfContents() throws Exception {
        CaseResult r = new CaseResult();
        r.caseId = "EV_001";
        r.outcome = Outcome.FAILED;
        r.durationMs = 12;
        r.message = "step \"<script>\": expected 1 row";
        String html = SuiteDocs.html(new SuiteDocs.Input(suite(EVENTS), null, Map.of("EV_001", r)));
        assertThat(html).contains("<p>Events &lt;b&gt;and&lt;/b&gt; data</p>",
                "<li><a href=\"#case-ev-001\">EV_001: An order event is confirmed</a></li>",
                "<h2 id=\"case-ev-001\">EV_001: An order event is confirmed</h2>",
                "<h3>Last Outcome</h3>",
                "<code>EV_001</code>: <strong>failed</strong> in 12 ms: step &quot;&lt;script&gt;&quot;: expected 1 row");
        assertThat(html).doesNotContain("<script", "http://", "https://", "s3cret");
    }
}
