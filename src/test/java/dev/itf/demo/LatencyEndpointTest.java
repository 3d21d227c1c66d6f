package dev.itf.demo;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class LatencyEndpointTest {

    @Test
    void delaysFollowTheAskedMedianAndNinetyNinthPercentile() {
        Random random = new Random(7);
        long[] d = new long[20_000];
        for (int i = 0; i < d.length; i++) {
            d[i] = LatencyEndpoint.delayMs(20, 200, random);
        }
        Arrays.sort(d);
        assertThat(d[d.length / 2]).isBetween(19L, 21L);
        assertThat(d[(int) (d.length * 0.99)]).isBetween(185L, 215L);
    }

    @Test
    void answersWithItsDelayAndRefusesABadDistribution() throws Exception {
        try (DemoTarget demo = new DemoTarget(DemoOptions.defaults(0)).start()) {
            String base = "http://127.0.0.1:" + demo.port();
            HttpResponse<String> ok = get(base + "/latency?p50=1&p99=2");
            assertThat(ok.statusCode()).isEqualTo(200);
            assertThat(ok.body()).contains("\"delayMs\"");
            assertThat(get(base + "/latency?p50=1&p99=1&errors=100").statusCode()).isEqualTo(500);
            HttpResponse<String> bad = get(base + "/latency?p50=50&p99=10");
            assertThat(bad.statusCode()).isEqualTo(400);
            assertThat(bad.body()).contains("p50 <= p99");
        }
    }

    private static HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
