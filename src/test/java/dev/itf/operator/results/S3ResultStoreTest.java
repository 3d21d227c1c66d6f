package dev.itf.operator.results;

import dev.itf.results.Outcome;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static dev.itf.results.CaseResults.result;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The S3 store against S3Proxy, a real S3 API server started in the test over an in-memory blob store, with AWS
 * signature v4 checked; the store is built from configuration as the operator builds it.
 */
class S3ResultStoreTest extends ResultStoreContract {
    private static final String KEY_ID = "itf-test-key";
    private static final String SECRET = "itf-test-secret-that-must-not-show";
    private static S3ProxyServer.Handle s3;

    private String bucket;
    private TcpProxy proxy;

    @BeforeAll
    static void startS3() throws Exception {
        s3 = new S3ProxyServer.Handle(KEY_ID, SECRET);
    }

    @AfterAll
    static void stopS3() throws Exception {
        s3.close();
    }

    @BeforeEach
    void freshBucket() throws Exception {
        bucket = "itf-store-test-" + UUID.randomUUID().toString().substring(0, 8);
        s3.createBucket(bucket);
        proxy = new TcpProxy("127.0.0.1", s3.port);
    }

    @AfterEach
    void stopProxy() throws IOException {
        proxy.close();
    }

    @Override
    ResultStore store() {
        return store(s3.port);
    }

    private ResultStore store(int port) {
        Map<String, String> config = Map.of("itf.results.store", "s3", "itf.results.s3.bucket", bucket,
                "itf.results.s3.endpoint", "http://127.0.0.1:" + port, "itf.results.s3.path-style", "true",
                "itf.results.s3.prefix", "itf", "itf.results.s3.access-key-id", KEY_ID, "itf.results.s3.secret-access-key", SECRET);
        return new ResultStoreSettings(name -> Optional.ofNullable(config.get(name))).store();
    }

    @Override
    String secretInConfiguration() {
        return SECRET;
    }

    @Test
    void resultsAreObjectsUnderThePrefix() throws Exception {
        store().putAll(run, List.of(result("API_001", 1, Outcome.PASSED, null)));
        assertThat(store().runs()).containsExactly(run);
        try (var client = software.amazon.awssdk.services.s3.S3Client.builder().region(software.amazon.awssdk.regions.Region.US_EAST_1)
                .endpointOverride(java.net.URI.create("http://127.0.0.1:" + s3.port)).forcePathStyle(true)
                .httpClient(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.create())
                .credentialsProvider(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                        software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create(KEY_ID, SECRET))).build()) {
            assertThat(client.listObjectsV2(b -> b.bucket(bucket)).contents()).singleElement()
                    .satisfies(o -> assertThat(o.key()).startsWith("itf/results/team/orders-1/uid-1/").endsWith("-API_001@1.json"));
        }
        assertThat(store().describe()).isEqualTo("s3 bucket " + bucket + " at http://127.0.0.1:" + s3.port + " prefix itf/");
    }

    @Test
    void aStoreThatIsDownDelaysAndLosesNothingAcknowledged() throws Exception {
        ResultStore store = store(proxy.port());
        store.putAll(run, List.of(result("API_001", 1, Outcome.PASSED, null)));
        proxy.down();
        assertThatThrownBy(() -> store.putAll(run, List.of(result("API_002", 1, Outcome.PASSED, null))))
                .isInstanceOf(IOException.class).hasMessageStartingWith("s3 bucket " + bucket)
                .message().doesNotContain(SECRET);
        assertThatThrownBy(() -> store.list(run)).isInstanceOf(IOException.class);
        proxy.up();
        store.putAll(run, List.of(result("API_002", 1, Outcome.PASSED, null)));
        assertThat(store().list(run)).extracting(r -> r.caseId).containsExactly("API_001", "API_002");
    }

    @Test
    void wrongCredentialsAreAFailureNotALoss() {
        Map<String, String> config = Map.of("itf.results.store", "s3", "itf.results.s3.bucket", bucket,
                "itf.results.s3.endpoint", "http://127.0.0.1:" + s3.port, "itf.results.s3.path-style", "true",
                "itf.results.s3.access-key-id", KEY_ID, "itf.results.s3.secret-access-key", "wrong");
        ResultStore store = new ResultStoreSettings(name -> Optional.ofNullable(config.get(name))).store();
        assertThatThrownBy(() -> store.putAll(run, List.of(result("API_001", 1, Outcome.PASSED, null))))
                .isInstanceOf(IOException.class).message().doesNotContain("wrong");
    }
}
