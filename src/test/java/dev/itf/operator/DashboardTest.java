package dev.itf.operator;

import dev.itf.api.LocalObjectRef;
import dev.itf.api.TestRun;
import dev.itf.api.TestRunSpec;
import dev.itf.operator.results.AccessReviews;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import io.quarkus.test.kubernetes.client.KubernetesTestServer;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Who sees what on the dashboard: sign-in by token (one TokenReview, then a session cookie), runs only of namespaces
 * the identity may get testruns in, a run's page and reports refused before the run is looked up, no way in without
 * a session, and the token never echoed.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
class DashboardTest {
    static final Duration WAIT = Duration.ofSeconds(120);
    static final String HIDDEN_NS = AccessReviews.PRIVATE + "-dash";

    @KubernetesTestServer
    KubernetesServer server;
    @Inject
    KubernetesClient client;

    private static TestRun run(String namespace, String name) {
        TestRun r = new TestRun();
        r.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace).build());
        r.setSpec(new TestRunSpec());
        r.getSpec().suiteRef = new LocalObjectRef("no-such-suite");
        r.getSpec().variables.put("password", "s3cr3t-value");
        return r;
    }

    private static String signIn() {
        Response r = RestAssured.given().redirects().follow(false).header("Authorization", "Bearer " + AccessReviews.READER)
                .post("/dashboard/session");
        assertThat(r.statusCode()).isEqualTo(200);
        return r.getCookie("itf_dashboard");
    }

    @Test
    void aSignedInReaderSeesOnlyTheNamespacesItMayGetTestrunsIn() {
        AccessReviews.install(server.getKubernetesMockServer());
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(HIDDEN_NS).endMetadata().build()).create();
        client.resources(TestRun.class).inNamespace("team").resource(run("team", "visible-run")).create();
        client.resources(TestRun.class).inNamespace(HIDDEN_NS).resource(run(HIDDEN_NS, "hidden-run")).create();

        // no session: pages send the browser to sign in, data and events answer 401
        Response page = RestAssured.given().redirects().follow(false).get("/dashboard");
        assertThat(page.statusCode()).isEqualTo(303);
        assertThat(page.header("Location")).endsWith("/dashboard/sign-in?next=%2Fdashboard");
        RestAssured.given().get("/dashboard/api/runs").then().statusCode(401);
        RestAssured.given().get("/dashboard/events").then().statusCode(401);
        RestAssured.given().redirects().follow(false).cookie("itf_dashboard", "made-up").get("/dashboard/runs/team/visible-run")
                .then().statusCode(303);
        RestAssured.given().post("/dashboard/session").then().statusCode(401);
        RestAssured.given().header("Authorization", "Bearer not-a-token").post("/dashboard/session").then().statusCode(401);

        int reviews = AccessReviews.tokenReviews(AccessReviews.READER);
        Response in = RestAssured.given().header("Authorization", "Bearer " + AccessReviews.READER).post("/dashboard/session");
        assertThat(in.statusCode()).isEqualTo(200);
        assertThat(in.asString()).contains("system:serviceaccount:team:reader").doesNotContain(AccessReviews.READER);
        String setCookie = in.header("Set-Cookie");
        assertThat(setCookie).contains("itf_dashboard=", "HttpOnly", "Path=/dashboard").containsIgnoringCase("SameSite=Lax")
                .doesNotContain(AccessReviews.READER);
        String session = in.getCookie("itf_dashboard");

        await().atMost(WAIT).untilAsserted(() -> assertThat(RestAssured.given().cookie("itf_dashboard", session).get("/dashboard/api/runs")
                .asString()).contains("visible-run"));
        String runs = RestAssured.given().cookie("itf_dashboard", session).get("/dashboard/api/runs").asString();
        assertThat(runs).doesNotContain("hidden-run").doesNotContain(HIDDEN_NS).doesNotContain("s3cr3t-value");
        String list = RestAssured.given().cookie("itf_dashboard", session).get("/dashboard").then().statusCode(200)
                .header("Content-Security-Policy", org.hamcrest.Matchers.containsString("script-src 'self'")).extract().asString();
        assertThat(list).contains("visible-run", "system:serviceaccount:team:reader").doesNotContain("hidden-run");

        // a run outside the identity's namespaces is refused whether or not it exists
        String refused = RestAssured.given().cookie("itf_dashboard", session).get("/dashboard/runs/" + HIDDEN_NS + "/hidden-run")
                .then().statusCode(403).extract().asString();
        RestAssured.given().cookie("itf_dashboard", session).get("/dashboard/runs/" + HIDDEN_NS + "/no-such-run").then().statusCode(403);
        assertThat(refused).contains("may not get testruns");
        RestAssured.given().cookie("itf_dashboard", session).get("/dashboard/runs/" + HIDDEN_NS + "/hidden-run/reports/json").then().statusCode(403);
        RestAssured.given().cookie("itf_dashboard", session).get("/dashboard/runs/team/no-such-run").then().statusCode(404);
        RestAssured.given().cookie("itf_dashboard", session).get("/dashboard/runs/team/visible-run/reports/docx").then().statusCode(404);
        String runPage = RestAssured.given().cookie("itf_dashboard", session).get("/dashboard/runs/team/visible-run")
                .then().statusCode(200).extract().asString();
        assertThat(runPage).contains("visible-run", "no-such-suite").doesNotContain("s3cr3t-value");
        RestAssured.given().cookie("itf_dashboard", session).get("/dashboard/suites/team/no-such-suite").then().statusCode(200);
        RestAssured.given().cookie("itf_dashboard", session).get("/dashboard/suites/" + HIDDEN_NS + "/no-such-suite").then().statusCode(403);
        RestAssured.given().cookie("itf_dashboard", session).get("/dashboard/suites/team/no-such-suite/docs").then().statusCode(404);
        RestAssured.given().cookie("itf_dashboard", session).get("/dashboard/suites/" + HIDDEN_NS + "/no-such-suite/docs").then().statusCode(403);
        client.resources(dev.itf.api.TestSuite.class).inNamespace("team")
                .resource(TestRunLifecycleTest.suite("documented-suite", "/health", "/health")).create();
        Response docs = RestAssured.given().cookie("itf_dashboard", session).get("/dashboard/suites/team/documented-suite/docs");
        assertThat(docs.statusCode()).isEqualTo(200);
        assertThat(docs.header("Content-Security-Policy")).contains("default-src 'none'").doesNotContain("script-src");
        assertThat(docs.asString()).as("the suite's documentation, as itf docs writes it")
                .contains("documented-suite", "Prerequisites", "Steps", "Expected Results").doesNotContain("<script");

        // one TokenReview for the sign-in, none for the pages after it
        assertThat(AccessReviews.tokenReviews(AccessReviews.READER)).isEqualTo(reviews + 1);

        RestAssured.given().get("/dashboard/static/dashboard.js").then().statusCode(200);
        RestAssured.given().get("/dashboard/static/..%2Fbase.html").then().statusCode(404);

        RestAssured.given().redirects().follow(false).cookie("itf_dashboard", session).post("/dashboard/sign-out").then().statusCode(303);
        RestAssured.given().cookie("itf_dashboard", session).get("/dashboard/api/runs").then().statusCode(401);
        assertThat(signIn()).isNotEqualTo(session);
    }
}
