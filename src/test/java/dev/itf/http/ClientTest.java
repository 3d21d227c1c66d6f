package dev.itf.http;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClientTest {

    ScriptedServer server;
    ScriptedServer other;
    final Client client = Client.builder().build();

    @AfterEach
    void stop() throws IOException {
        client.close();
        if (server != null) {
            server.close();
        }
        if (other != null) {
            other.close();
        }
    }

    static Request get(URI uri) {
        return Request.to(uri).timeout(Duration.ofSeconds(30)).build();
    }

    @Test
    void keepsOneConnectionForRequestsOneAfterAnother() throws Exception {
        server = new ScriptedServer((r, c) -> ScriptedServer.ok("{\"n\":" + c + "}"));
        for (int i = 0; i < 50; i++) {
            Response r = client.send(get(server.uri("/item?i=" + i)));
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.text()).isEqualTo("{\"n\":1}");
        }
        assertThat(server.connections.get()).isEqualTo(1);
        assertThat(server.requests.get(7).target()).isEqualTo("/item?i=7");
        assertThat(server.requests.get(0).header("Host")).isEqualTo("127.0.0.1:" + server.port());
    }

    @Test
    void sendsTheBodyWithItsLengthAndTheHeadersAsGiven() throws Exception {
        server = new ScriptedServer((r, c) -> ScriptedServer.ok("{}"));
        client.send(Request.to(server.uri("/orders")).header("X-Trace", "abc").header("Content-Type", "application/json")
                .method("POST", "{\"id\":\"é\"}").build());
        client.send(Request.to(server.uri("/empty")).method("POST", (byte[]) null).build());

        ScriptedServer.Received sent = server.requests.get(0);
        assertThat(sent.method()).isEqualTo("POST");
        assertThat(sent.header("X-Trace")).isEqualTo("abc");
        assertThat(sent.header("Content-Length")).isEqualTo("11");
        assertThat(sent.body()).isEqualTo("{\"id\":\"é\"}");
        assertThat(server.requests.get(1).header("Content-Length")).isEqualTo("0");
    }

    @Test
    void readsChunkedBodiesWithExtensionsAndTrailers() throws Exception {
        server = new ScriptedServer((r, c) -> "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "5;ext=1\r\nhello\r\n7\r\n, world\r\n0\r\nX-Trailer: t\r\n\r\n");
        assertThat(client.send(get(server.uri("/a"))).text()).isEqualTo("hello, world");
        assertThat(client.send(get(server.uri("/b"))).text()).isEqualTo("hello, world");
        assertThat(server.connections.get()).isEqualTo(1);
    }

    @Test
    void aBodyWithoutLengthEndsWithTheConnection() throws Exception {
        server = new ScriptedServer((r, c) -> "HTTP/1.1 200 OK\r\nConnection: close\r\n\r\nuntil the end");
        assertThat(client.send(get(server.uri("/"))).text()).isEqualTo("until the end");
        assertThat(client.send(get(server.uri("/"))).text()).isEqualTo("until the end");
        assertThat(server.connections.get()).isEqualTo(2);
    }

    @Test
    void headAnd204HaveNoBodyAndInformationalResponsesAreSkipped() throws Exception {
        server = new ScriptedServer((r, c) -> switch (r.target()) {
            case "/head" -> "HTTP/1.1 200 OK\r\nContent-Length: 99\r\n\r\n";
            case "/none" -> "HTTP/1.1 204 No Content\r\n\r\n";
            default -> "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 201 Created\r\nLocation: /x\r\nContent-Length: 2\r\n\r\nok";
        });
        assertThat(client.send(Request.to(server.uri("/head")).method("HEAD", (byte[]) null).build()).body()).isEmpty();
        assertThat(client.send(get(server.uri("/none"))).status()).isEqualTo(204);
        Response created = client.send(get(server.uri("/create")));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.text()).isEqualTo("ok");
        assertThat(created.headers().first("location")).isEqualTo("/x");
        assertThat(server.connections.get()).isEqualTo(1);
    }

    @Test
    void anIdleConnectionTheServerClosedIsReplacedWithoutAnError() throws Exception {
        // the first connection is closed by the server after one answer, without saying so, as idle timeouts do
        server = new ScriptedServer((r, c) -> r.target().equals("/first") || c > 1 ? ScriptedServer.ok("{\"c\":" + c + "}") : null);
        assertThat(client.send(get(server.uri("/first"))).text()).isEqualTo("{\"c\":1}");
        assertThat(client.send(get(server.uri("/second"))).text()).isEqualTo("{\"c\":2}");
    }

    @Test
    void followsRedirectsAsBrowsersDo() throws Exception {
        other = new ScriptedServer((r, c) -> ScriptedServer.ok("{\"auth\":\"" + r.header("Authorization") + "\"}"));
        server = new ScriptedServer((r, c) -> switch (r.target()) {
            case "/see-other" -> "HTTP/1.1 303 See Other\r\nLocation: /done\r\nContent-Length: 0\r\n\r\n";
            case "/temporary" -> "HTTP/1.1 307 Temporary Redirect\r\nLocation: /done\r\nContent-Length: 0\r\n\r\n";
            case "/elsewhere" -> "HTTP/1.1 302 Found\r\nLocation: " + other.uri("/there") + "\r\nContent-Length: 0\r\n\r\n";
            case "/loop" -> "HTTP/1.1 302 Found\r\nLocation: /loop\r\nContent-Length: 0\r\n\r\n";
            default -> ScriptedServer.ok("{\"method\":\"" + r.method() + "\",\"body\":\"" + r.body() + "\"}");
        });
        Request post303 = Request.to(server.uri("/see-other")).method("POST", "x=1").build();
        assertThat(client.send(post303).text()).isEqualTo("{\"method\":\"GET\",\"body\":\"\"}");
        Request post307 = Request.to(server.uri("/temporary")).method("POST", "x=1").build();
        assertThat(client.send(post307).text()).isEqualTo("{\"method\":\"POST\",\"body\":\"x=1\"}");

        Response moved = client.send(Request.to(server.uri("/elsewhere")).header("Authorization", "Bearer secret").build());
        assertThat(moved.text()).as("credentials stay with the host they were given for").isEqualTo("{\"auth\":\"null\"}");
        assertThat(moved.uri()).isEqualTo(other.uri("/there"));

        assertThatThrownBy(() -> client.send(get(server.uri("/loop")))).isInstanceOf(IOException.class)
                .hasMessageContaining("more than 5 redirects");
        try (Client notFollowing = Client.builder().followRedirects(false).build()) {
            assertThat(notFollowing.send(get(server.uri("/see-other"))).status()).isEqualTo(303);
        }
    }

    @Test
    void aServerThatDoesNotAnswerTimesOutAtTheDeadline() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        server = new ScriptedServer((r, c) -> {
            never.await(60, TimeUnit.SECONDS);
            return null;
        });
        Request slow = Request.to(server.uri("/slow")).timeout(Duration.ofMillis(300)).build();
        assertThatThrownBy(() -> client.send(slow)).isInstanceOf(HttpTimeoutException.class);
        never.countDown();
    }

    @Test
    void aBodyThatStopsHalfwayTimesOutAtTheDeadlineAndTheConnectionIsNotReused() throws Exception {
        server = new ScriptedServer((r, c) -> r.target().equals("/half")
                ? "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n{\"partial\":" : ScriptedServer.ok("{}"));
        Request half = Request.to(server.uri("/half")).timeout(Duration.ofMillis(300)).build();
        long started = System.nanoTime();
        // a plain connection reads without a socket timeout: the deadline closes it
        assertThatThrownBy(() -> client.send(half)).isInstanceOf(HttpTimeoutException.class)
                .hasMessageContaining("before the deadline");
        // generous: only catches a read that the deadline did not end
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
        assertThat(client.send(get(server.uri("/next"))).status()).isEqualTo(200);
        assertThat(server.connections.get()).isEqualTo(2);
    }

    @Test
    void refusedAndUnknownHostsAreConnectFailures() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        assertThatThrownBy(() -> client.send(get(URI.create("http://127.0.0.1:" + closed + "/"))))
                .isInstanceOf(ConnectException.class);
        assertThatThrownBy(() -> client.send(get(URI.create("http://no-such-host.invalid/"))))
                .isInstanceOf(ConnectException.class).hasMessageContaining("no-such-host.invalid");
    }

    @Test
    void headersTheClientWritesItselfAndBrokenOnesAreRefused() {
        Request.Builder b = Request.to(URI.create("http://127.0.0.1/"));
        assertThatThrownBy(() -> b.header("Host", "x")).hasMessage("restricted header name: \"Host\"");
        assertThatThrownBy(() -> b.header("Bad Name", "x")).hasMessageContaining("invalid header name");
        assertThatThrownBy(() -> b.header("X-Split", "a\r\nInjected: 1")).hasMessageContaining("control characters");
        assertThatThrownBy(() -> Request.to(URI.create("ftp://127.0.0.1/"))).hasMessageContaining("use http or https");
    }

    @Test
    void interruptingTheCallerEndsTheExchange() throws Exception {
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch never = new CountDownLatch(1);
        server = new ScriptedServer((r, c) -> {
            held.countDown();
            never.await(60, TimeUnit.SECONDS);
            return null;
        });
        ExecutorService caller = Executors.newSingleThreadExecutor();
        try {
            Future<Response> pending = caller.submit(() -> client.send(get(server.uri("/held"))));
            assertThat(held.await(30, TimeUnit.SECONDS)).isTrue();
            pending.cancel(true);
            caller.shutdown();
            assertThat(caller.awaitTermination(30, TimeUnit.SECONDS)).as("the exchange ended when its thread was interrupted").isTrue();
        } finally {
            never.countDown();
            caller.shutdownNow();
        }
    }

    @Test
    void aSharedPoolKeepsConnectionsAcrossClientsAndClosesThem() throws Exception {
        server = new ScriptedServer((r, c) -> ScriptedServer.ok("{}"));
        try (ConnectionPool pool = new ConnectionPool()) {
            Client a = Client.builder().pool(pool).build();
            Client b = Client.builder().pool(pool).followRedirects(false).build();
            a.send(get(server.uri("/a")));
            b.send(get(server.uri("/b")));
            assertThat(server.connections.get()).isEqualTo(1);
            assertThat(pool.idle()).isEqualTo(1);
            pool.close();
            assertThat(pool.idle()).isZero();
        }
    }
}
