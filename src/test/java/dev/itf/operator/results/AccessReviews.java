package dev.itf.operator.results;

import com.fasterxml.jackson.databind.JsonNode;
import dev.itf.json.Json;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.authentication.TokenReviewBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReviewBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReviewSpec;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.mockwebserver.utils.ResponseProvider;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * The API server's TokenReview and SubjectAccessReview, which the mock server does not implement, answered at its HTTP
 * boundary: {@link #READER} is a service account that may get testruns everywhere, {@link #OUTSIDER} one that may
 * not (nor the reader in namespaces whose name starts with {@link #PRIVATE}), {@link #BROKEN} makes the TokenReview fail with 500, and any other token is not authenticated.
 */
public final class AccessReviews {
    public static final String READER = "reader-token";
    public static final String OUTSIDER = "outsider-token";
    public static final String BROKEN = "broken-token";
    public static final String PRIVATE = "private";
    static final String READER_USER = "system:serviceaccount:team:reader";
    static final String OUTSIDER_USER = "system:serviceaccount:team:outsider";

    private static final Map<String, AtomicInteger> TOKEN_REVIEWS = new ConcurrentHashMap<>();

    private AccessReviews() {
    }

    /** A mock API server of its own (no CRUD, so every request it answers is one the test expects) with the answers installed. */
    public static KubernetesMockServer started() {
        KubernetesMockServer server = new KubernetesMockServer(false);
        server.init();
        install(server);
        return server;
    }

    /** A client of that server that does not retry, so a failing review fails at once. */
    public static KubernetesClient client(KubernetesMockServer server) {
        return server.createClient(b -> b.editOrNewConfig().withRequestRetryBackoffLimit(0).endConfig());
    }

    /** Installs the answers; installing them again on the same server changes nothing, since the first one answers. */
    public static void install(KubernetesMockServer server) {
        server.expect().post().withPath("/apis/authentication.k8s.io/v1/tokenreviews").andReply(provider(body -> {
            String token = body.path("spec").path("token").asText();
            TOKEN_REVIEWS.computeIfAbsent(token, t -> new AtomicInteger()).incrementAndGet();
            String user = token.startsWith(READER) ? READER_USER : token.startsWith(OUTSIDER) ? OUTSIDER_USER : null;
            if (token.equals(BROKEN)) {
                return new Answer(500, new StatusBuilder().withStatus("Failure").withCode(500).withMessage("etcd is gone").build());
            }
            return new Answer(201, new TokenReviewBuilder().withNewSpec().withToken(token).endSpec().withNewStatus()
                    .withAuthenticated(user != null)
                    .withNewUser().withUsername(user).withGroups("system:serviceaccounts", "system:authenticated").endUser()
                    .endStatus().build());
        })).always();
        server.expect().post().withPath("/apis/authorization.k8s.io/v1/subjectaccessreviews").andReply(provider(body -> {
            JsonNode attributes = body.path("spec").path("resourceAttributes");
            boolean allowed = READER_USER.equals(body.path("spec").path("user").asText())
                    && "get".equals(attributes.path("verb").asText()) && "itf.dev".equals(attributes.path("group").asText())
                    && "testruns".equals(attributes.path("resource").asText()) && !attributes.path("namespace").asText().isEmpty()
                    && !attributes.path("namespace").asText().startsWith(PRIVATE);
            return new Answer(201, new SubjectAccessReviewBuilder().withSpec(Json.MAPPER.convertValue(body.path("spec"),
                    SubjectAccessReviewSpec.class))
                    .withNewStatus().withAllowed(allowed).endStatus().build());
        })).always();
    }

    /** How many TokenReviews asked about this token. */
    public static int tokenReviews(String token) {
        AtomicInteger n = TOKEN_REVIEWS.get(token);
        return n == null ? 0 : n.get();
    }

    private record Answer(int status, Object body) {
    }

    private static ResponseProvider<Object> provider(Function<JsonNode, Answer> answer) {
        // one answer per request, whether its status or its body is asked for first
        Map<RecordedRequest, Answer> answers = Collections.synchronizedMap(new WeakHashMap<>());
        return new ResponseProvider<>() {
            private Headers headers = Headers.builder().build();

            private Answer answer(RecordedRequest request) {
                return answers.computeIfAbsent(request, r -> {
                    try {
                        return answer.apply(Json.MAPPER.readTree(r.getUtf8Body()));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            }

            @Override
            public int getStatusCode(RecordedRequest request) {
                return answer(request).status();
            }

            @Override
            public Object getBody(RecordedRequest request) {
                return answer(request).body();
            }

            @Override
            public Headers getHeaders() {
                return headers;
            }

            @Override
            public void setHeaders(Headers headers) {
                this.headers = headers;
            }
        };
    }
}
