package dev.itf.demo;

import dev.itf.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class DemoTargetTest {

    private static final ObjectMapper JSON = Json.MAPPER;
    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    private static DemoTarget target;
    private static String base;
    private static final List<Order> created = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        target = new DemoTarget(DemoOptions.defaults(0).withTokenTtl(Duration.ofSeconds(1))).start();
        target.orders().onCreated(created::add);
        base = "http://localhost:" + target.port();
    }

    @AfterAll
    static void stop() {
        target.close();
    }

    private static HttpResponse<String> send(String method, String path, String body, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(String path, String... headers) throws Exception {
        return send("GET", path, null, headers);
    }

    private static JsonNode json(HttpResponse<String> r) throws Exception {
        return JSON.readTree(r.body());
    }

    private static JsonNode graphql(String query, String variables) throws Exception {
        String body = "{\"query\": " + JSON.writeValueAsString(query) + (variables == null ? "" : ", \"variables\": " + variables) + "}";
        HttpResponse<String> r = send("POST", "/graphql", body, "Content-Type", "application/json");
        assertThat(r.statusCode()).isEqualTo(200);
        return json(r);
    }

    private static String createOrder(String customer) throws Exception {
        return json(send("POST", "/api/v1/orders", "{\"customer\": \"" + customer + "\"}")).get("id").asText();
    }

    @Test
    void indexListsEveryEndpoint() throws Exception {
        HttpResponse<String> r = get("/");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(json(r).get("endpoints").findValuesAsText("path")).contains("/api/v1/orders", "/api/v1/orders/{id}",
                "/graphql", "/secure/basic", "/secure/apikey", "/secure/jwt", "/secure/oauth", "/oauth/token", "/oauth/stats",
                "/slow", "/status/{code}", "/fail", "/flaky", "/redirect", "/headers", "/xml", "/health");
        HttpResponse<String> unknown = get("/nowhere");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(json(unknown).get("message").asText()).isEqualTo("no endpoint at /nowhere; GET / lists them");
        assertThat(get("/healthz").statusCode()).isEqualTo(404);
    }

    @Test
    void ordersCrud() throws Exception {
        HttpResponse<String> create = send("POST", "/api/v1/orders",
                "{\"customer\": \"alice\", \"items\": [{\"sku\": \"A-1\", \"quantity\": 2}], \"total\": 19.5}", "Content-Type", "application/json");
        assertThat(create.statusCode()).isEqualTo(201);
        JsonNode order = json(create);
        String id = order.get("id").asText();
        assertThat(create.headers().firstValue("Location")).hasValue("/api/v1/orders/" + id);
        assertThat(order.get("status").asText()).isEqualTo("NEW");
        assertThat(Instant.parse(order.get("createdAt").asText())).isBefore(Instant.now().plusSeconds(1));
        assertThat(created).extracting(Order::id).contains(id);

        assertThat(json(get("/api/v1/orders/" + id)).get("customer").asText()).isEqualTo("alice");

        HttpResponse<String> put = send("PUT", "/api/v1/orders/" + id, "{\"customer\": \"bob\", \"status\": \"PAID\"}");
        assertThat(put.statusCode()).isEqualTo(200);
        assertThat(json(put).get("customer").asText()).isEqualTo("bob");
        assertThat(json(put).has("items")).isFalse();

        HttpResponse<String> patch = send("PATCH", "/api/v1/orders/" + id, "{\"status\": \"SHIPPED\"}");
        assertThat(patch.statusCode()).isEqualTo(200);
        assertThat(json(patch).get("status").asText()).isEqualTo("SHIPPED");
        assertThat(json(patch).get("customer").asText()).isEqualTo("bob");

        JsonNode shipped = json(get("/api/v1/orders?status=SHIPPED"));
        assertThat(shipped.findValuesAsText("id")).contains(id);
        assertThat(shipped.findValuesAsText("status")).containsOnly("SHIPPED");

        assertThat(send("DELETE", "/api/v1/orders/" + id, null).statusCode()).isEqualTo(204);
        HttpResponse<String> gone = get("/api/v1/orders/" + id);
        assertThat(gone.statusCode()).isEqualTo(404);
        assertThat(json(gone).get("message").asText()).isEqualTo("order " + id + " not found");
        assertThat(send("DELETE", "/api/v1/orders/" + id, null).statusCode()).isEqualTo(404);
    }

    @Test
    void orderListHonoursLimit() throws Exception {
        createOrder("c1");
        createOrder("c2");
        createOrder("c3");
        JsonNode two = json(get("/api/v1/orders?limit=2"));
        assertThat(two.isArray()).isTrue();
        assertThat(two.size()).isEqualTo(2);
        assertThat(json(get("/api/v1/orders")).size()).isGreaterThanOrEqualTo(3);
    }

    @Test
    void badOrderRequestsAre400WithMessages() throws Exception {
        HttpResponse<String> noCustomer = send("POST", "/api/v1/orders", "{\"total\": 3}");
        assertThat(noCustomer.statusCode()).isEqualTo(400);
        assertThat(json(noCustomer).get("message").asText()).isEqualTo("customer is required and must be a non-empty string");
        assertThat(json(send("POST", "/api/v1/orders", "{oops")).get("message").asText()).startsWith("the body is not valid JSON");
        assertThat(json(get("/api/v1/orders?limit=0")).get("message").asText()).isEqualTo("limit must be a positive whole number, not '0'");
        assertThat(json(get("/api/v1/orders?status=LOST")).get("message").asText()).startsWith("status must be one of CANCELLED, CONFIRMED");
        String id = createOrder("carol");
        HttpResponse<String> badStatus = send("PATCH", "/api/v1/orders/" + id, "{\"status\": \"LOST\"}");
        assertThat(badStatus.statusCode()).isEqualTo(400);
        HttpResponse<String> notAllowed = send("DELETE", "/api/v1/orders", null);
        assertThat(notAllowed.statusCode()).isEqualTo(405);
        assertThat(notAllowed.headers().firstValue("Allow")).hasValue("GET, POST");
        assertThat(send("PUT", "/api/v1/orders/999999", "{\"customer\": \"x\", \"status\": \"NEW\"}").statusCode()).isEqualTo(404);
    }

    @Test
    void graphqlQueriesAndMutations() throws Exception {
        JsonNode create = graphql("mutation New($in: OrderInput!) { createOrder(input: $in) { id status customer } }",
                "{\"in\": {\"customer\": \"dave\", \"total\": 5}}");
        assertThat(create.has("errors")).isFalse();
        String id = create.at("/data/createOrder/id").asText();
        assertThat(create.at("/data/createOrder/status").asText()).isEqualTo("NEW");
        assertThat(created).extracting(Order::id).contains(id);

        JsonNode one = graphql("query($id: ID!){ order(id:$id){ id status total } }", "{\"id\": \"" + id + "\"}");
        assertThat(one.at("/data/order/total").asDouble()).isEqualTo(5.0);

        JsonNode update = graphql("mutation { updateOrderStatus(id: \"" + id + "\", status: CONFIRMED) { id status } }", null);
        assertThat(update.at("/data/updateOrderStatus/status").asText()).isEqualTo("CONFIRMED");
        assertThat(json(get("/api/v1/orders/" + id)).get("status").asText()).isEqualTo("CONFIRMED");

        JsonNode list = graphql("{ orders(limit: 1) { id } }", null);
        assertThat(list.at("/data/orders").size()).isEqualTo(1);
        assertThat(graphql("{ order(id: \"nope\") { id } }", null).at("/data/order").isNull()).isTrue();
    }

    @Test
    void graphqlOperationNameChoosesTheOperation() throws Exception {
        String id = createOrder("erin");
        String query = "query A { orders(limit: 1) { id } } query B($id: ID!) { byId: order(id: $id) { customer } }";
        HttpResponse<String> r = send("POST", "/graphql", "{\"query\": " + JSON.writeValueAsString(query)
                + ", \"operationName\": \"B\", \"variables\": {\"id\": \"" + id + "\"}}");
        assertThat(json(r).at("/data/byId/customer").asText()).isEqualTo("erin");
        assertThat(graphql(query, null).at("/errors/0/message").asText()).isEqualTo("the query has 2 operations: give operationName");
    }

    @Test
    void graphqlErrors() throws Exception {
        JsonNode unknown = graphql("{ order(id: 1) { id price } }", null);
        assertThat(unknown.has("data")).isFalse();
        assertThat(unknown.at("/errors/0/message").asText()).startsWith("Cannot query field \"price\" on type \"Order\"");
        assertThat(unknown.at("/errors/0/locations/0/column").asInt()).isEqualTo(21);
        assertThat(graphql("{ customers { id } }", null).at("/errors/0/message").asText())
                .startsWith("Cannot query field \"customers\" on type \"Query\"");
        assertThat(graphql("{ order { id } }", null).at("/errors/0/message").asText()).isEqualTo("Field \"order\" needs the argument \"id\"");
        assertThat(graphql("{ order(id: 1) }", null).at("/errors/0/message").asText()).contains("must select sub-fields");
        assertThat(graphql("{ order(id: 1) { id ", null).at("/errors/0/message").asText()).startsWith("syntax error at 1:");
        assertThat(graphql("query($id: ID!) { order(id: $id) { id } }", null).at("/errors/0/message").asText())
                .contains("variable $id is not defined");
        JsonNode missing = graphql("mutation { updateOrderStatus(id: \"0\", status: NEW) { id } }", null);
        assertThat(missing.at("/data/updateOrderStatus").isNull()).isTrue();
        assertThat(missing.at("/errors/0/message").asText()).isEqualTo("order 0 not found");
        assertThat(send("GET", "/graphql", null).statusCode()).isEqualTo(405);
        assertThat(send("POST", "/graphql", "{}").statusCode()).isEqualTo(400);
    }

    @Test
    void secureBasic() throws Exception {
        assertThat(get("/secure/basic", "Authorization", basic("demo:demo-pass")).statusCode()).isEqualTo(200);
        HttpResponse<String> wrong = get("/secure/basic", "Authorization", basic("demo:nope"));
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(json(wrong).get("message").asText()).isEqualTo("wrong user name or password");
        HttpResponse<String> none = get("/secure/basic");
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.headers().firstValue("WWW-Authenticate")).hasValue("Basic realm=\"itf-demo\"");
    }

    @Test
    void secureApiKey() throws Exception {
        assertThat(get("/secure/apikey", "X-API-Key", "demo-key").statusCode()).isEqualTo(200);
        assertThat(get("/secure/apikey?api_key=demo-key").statusCode()).isEqualTo(200);
        assertThat(json(get("/secure/apikey?api_key=other")).get("message").asText()).isEqualTo("wrong API key");
        assertThat(json(get("/secure/apikey")).get("message").asText()).startsWith("missing API key");
    }

    @Test
    void secureJwt() throws Exception {
        long now = Instant.now().getEpochSecond();
        String valid = hs256("{\"sub\":\"alice\",\"exp\":" + (now + 60) + "}", "demo-jwt-secret");
        HttpResponse<String> ok = get("/secure/jwt", "Authorization", "Bearer " + valid);
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(json(ok).at("/claims/sub").asText()).isEqualTo("alice");

        String expired = hs256("{\"sub\":\"alice\",\"exp\":" + (now - 60) + "}", "demo-jwt-secret");
        assertThat(json(get("/secure/jwt", "Authorization", "Bearer " + expired)).get("message").asText()).startsWith("token expired at");
        String forged = hs256("{\"sub\":\"alice\",\"exp\":" + (now + 60) + "}", "guess");
        assertThat(json(get("/secure/jwt", "Authorization", "Bearer " + forged)).get("message").asText()).isEqualTo("invalid signature");
        assertThat(json(get("/secure/jwt", "Authorization", "Bearer abc")).get("message").asText()).startsWith("malformed token");
        assertThat(get("/secure/jwt").statusCode()).isEqualTo(401);
    }

    @Test
    void oauthTokensAreIssuedCountedAndExpire() throws Exception {
        long before = json(get("/oauth/stats")).get("issued").asLong();
        HttpResponse<String> token = send("POST", "/oauth/token", "grant_type=client_credentials&scope=orders.read",
                "Authorization", basic("itf:itf-secret"), "Content-Type", "application/x-www-form-urlencoded");
        assertThat(token.statusCode()).isEqualTo(200);
        assertThat(json(token).get("expires_in").asInt()).isEqualTo(1);
        String access = json(token).get("access_token").asText();

        HttpResponse<String> password = send("POST", "/oauth/token",
                "grant_type=password&username=demo&password=demo-pass&client_id=itf&client_secret=itf-secret");
        assertThat(password.statusCode()).isEqualTo(200);
        JsonNode stats = json(get("/oauth/stats"));
        assertThat(stats.get("issued").asLong() - before).isEqualTo(2);
        assertThat(stats.at("/byGrant/password").asLong()).isGreaterThanOrEqualTo(1);

        assertThat(send("POST", "/oauth/token", "grant_type=client_credentials", "Authorization", basic("itf:wrong")).statusCode()).isEqualTo(401);
        HttpResponse<String> badUser = send("POST", "/oauth/token", "grant_type=password&username=demo&password=x",
                "Authorization", basic("itf:itf-secret"));
        assertThat(json(badUser).get("error").asText()).isEqualTo("invalid_grant");
        assertThat(json(send("POST", "/oauth/token", "grant_type=implicit", "Authorization", basic("itf:itf-secret"))).get("error").asText())
                .isEqualTo("unsupported_grant_type");

        // the tokens of this server live 1s; the same token is refused once it has expired
        HttpResponse<String> first = get("/secure/oauth", "Authorization", "Bearer " + access);
        assertThat(first.statusCode()).isIn(200, 401);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            HttpResponse<String> later = get("/secure/oauth", "Authorization", "Bearer " + access);
            assertThat(later.statusCode()).isEqualTo(401);
            assertThat(json(later).get("message").asText()).startsWith("token expired at");
        });
        assertThat(json(get("/secure/oauth", "Authorization", "Bearer made-up")).get("message").asText()).startsWith("unknown token");
    }

    @Test
    void slowAnswersAfterTheDelay() throws Exception {
        long start = System.nanoTime();
        HttpResponse<String> r = get("/slow?ms=300");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        assertThat(get("/slow?ms=-5").statusCode()).isEqualTo(400);
    }

    @Test
    void statusFailFlakyRedirect() throws Exception {
        assertThat(get("/status/418").statusCode()).isEqualTo(418);
        assertThat(get("/status/204").statusCode()).isEqualTo(204);
        assertThat(get("/status/99").statusCode()).isEqualTo(400);
        HttpResponse<String> fail = get("/fail");
        assertThat(fail.statusCode()).isEqualTo(500);
        assertThat(json(fail).get("message").asText()).isEqualTo("this endpoint always fails");

        assertThat(get("/flaky?key=t1&failures=2").statusCode()).isEqualTo(503);
        assertThat(get("/flaky?key=t1&failures=2").statusCode()).isEqualTo(503);
        assertThat(get("/flaky?key=t1&failures=2").statusCode()).isEqualTo(200);
        assertThat(get("/flaky?key=t2&failures=0").statusCode()).isEqualTo(200);

        HttpResponse<String> redirect = get("/redirect?to=/health");
        assertThat(redirect.statusCode()).isEqualTo(302);
        assertThat(redirect.headers().firstValue("Location")).hasValue("/health");
        assertThat(get("/redirect?to=https://elsewhere.example").statusCode()).isEqualTo(400);
    }

    @Test
    void headersAreEchoedWithCredentialsMasked() throws Exception {
        JsonNode echoed = json(get("/headers", "Authorization", "Bearer top-secret-token", "X-API-Key", "demo-key", "X-Trace", "t-1"));
        assertThat(echoed.get("X-trace").asText()).isEqualTo("t-1");
        assertThat(echoed.get("Authorization").asText()).isEqualTo("Bearer ******");
        assertThat(echoed.toString()).doesNotContain("top-secret-token", "demo-key");
    }

    @Test
    void xmlAndHealth() throws Exception {
        createOrder("x<ml>&co");
        HttpResponse<String> xml = get("/xml");
        assertThat(xml.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/xml"));
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(xml.body().getBytes(StandardCharsets.UTF_8)));
        assertThat(doc.getDocumentElement().getTagName()).isEqualTo("orders");
        assertThat(xml.body()).contains("<customer>x&lt;ml&gt;&amp;co</customer>");
        HttpResponse<String> health = get("/health");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(json(health).get("status").asText()).isEqualTo("UP");
    }

    private static String basic(String pair) {
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }

    private static String hs256(String claims, String secret) throws Exception {
        Base64.Encoder enc = Base64.getUrlEncoder().withoutPadding();
        String input = enc.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + enc.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return input + "." + enc.encodeToString(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
    }
}
