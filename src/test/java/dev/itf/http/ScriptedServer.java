package dev.itf.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP server that reads HTTP/1.1 requests and writes whatever bytes its script returns, so a test can send exactly
 * the response framing it means (chunks, no length, early close, informational responses) and see each request as sent.
 */
final class ScriptedServer implements AutoCloseable {

    /** What to answer to a request: the raw response bytes, or null to close the connection without answering. */
    interface Script {
        String respond(Received request, int connection) throws Exception;
    }

    /** A request as the server read it: the head lines and the body. */
    record Received(String method, String target, List<String> headerLines, String body) {
        String header(String name) {
            for (String line : headerLines) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
                    return line.substring(colon + 1).trim();
                }
            }
            return null;
        }
    }

    private final ServerSocket socket;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final Script script;
    final AtomicInteger connections = new AtomicInteger();
    final List<Received> requests = new CopyOnWriteArrayList<>();

    ScriptedServer(Script script) throws IOException {
        this.script = script;
        this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        threads.execute(this::accept);
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + socket.getLocalPort() + path);
    }

    int port() {
        return socket.getLocalPort();
    }

    private void accept() {
        while (!socket.isClosed()) {
            try {
                Socket s = socket.accept();
                int n = connections.incrementAndGet();
                threads.execute(() -> serve(s, n));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(Socket s, int connection) {
        try (s) {
            InputStream in = s.getInputStream();
            OutputStream out = s.getOutputStream();
            while (true) {
                Received r = read(in);
                if (r == null) {
                    return;
                }
                requests.add(r);
                String response = script.respond(r, connection);
                if (response == null) {
                    return;
                }
                out.write(response.getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                if (response.toLowerCase(Locale.ROOT).contains("\r\nconnection: close\r\n")) {
                    return;
                }
            }
        } catch (Exception e) {
            // the client went away, or the script ended the connection
        }
    }

    private static Received read(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int state = 0;
        while (state < 4) {
            int b = in.read();
            if (b < 0) {
                return null;
            }
            head.write(b);
            state = (b == '\r' && (state == 0 || state == 2)) || (b == '\n' && (state == 1 || state == 3)) ? state + 1 : 0;
        }
        String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
        String[] first = lines[0].split(" ");
        List<String> fields = List.of(lines).subList(1, lines.length);
        Received shell = new Received(first[0], first[1], fields, "");
        String length = shell.header("Content-Length");
        byte[] body = length == null ? new byte[0] : in.readNBytes(Integer.parseInt(length));
        return new Received(first[0], first[1], fields, new String(body, StandardCharsets.UTF_8));
    }

    static String ok(String body) {
        return "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
                + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body;
    }

    @Override
    public void close() throws IOException {
        socket.close();
        threads.shutdownNow();
    }
}
