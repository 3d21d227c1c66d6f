package dev.itf.runner.security;

import dev.itf.demo.CertificateAuthority;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Instant;
import java.util.List;

/**
 * A TLS server on the JDK alone for the transport tests: answers every request with 200, {"ok":true} and an HSTS
 * header. Run in this JVM with the JDK's default protocols, or as a program in a JVM of its own (see main) that
 * offers TLS 1.0 and 1.1 too: those need the JDK's disabled protocols changed, which must not happen in the JVM the
 * other tests share.
 */
public final class TlsTestServer implements AutoCloseable {

    private static final char[] PASSWORD = "test".toCharArray();
    private final SSLServerSocket server;
    private final Thread acceptor;

    public TlsTestServer(KeyStore keys, String... protocols) throws Exception {
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, PASSWORD);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), null, null);
        server = (SSLServerSocket) ctx.getServerSocketFactory().createServerSocket(0, 50, InetAddress.getLoopbackAddress());
        if (protocols.length > 0) {
            server.setEnabledProtocols(protocols);
        }
        acceptor = new Thread(this::serve, "tls-test-server");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** A key store with a certificate for the hosts, issued by the CA, valid until notAfter. */
    public static KeyStore keys(CertificateAuthority ca, List<String> hosts, Instant notAfter) throws Exception {
        return ca.issue(hosts.get(0), hosts, Instant.now().minusSeconds(300), notAfter).keyStore(PASSWORD);
    }

    public int port() {
        return server.getLocalPort();
    }

    private void serve() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                Thread t = new Thread(() -> answer((SSLSocket) s), "tls-test-connection");
                t.setDaemon(true);
                t.start();
            } catch (Exception e) {
                return;
            }
        }
    }

    private static void answer(SSLSocket s) {
        try (s) {
            s.setSoTimeout(10_000);
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.ISO_8859_1));
            String line;
            while ((line = in.readLine()) != null && !line.isEmpty()) {
                // read the request head; the test requests have no body
            }
            byte[] body = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);
            OutputStream out = s.getOutputStream();
            out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nStrict-Transport-Security: max-age=31536000\r\n"
                    + "Content-Length: " + body.length + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.write(body);
            out.flush();
        } catch (Exception ignored) {
            // a probe that hangs up after the ServerHello is what the tests do on purpose
        }
    }

    @Override
    public void close() throws Exception {
        server.close();
    }

    /**
     * Serves a PKCS#12 key store (args: file) with TLSv1, TLSv1.1 and TLSv1.2 enabled and prints the port; started by
     * the tests in a JVM whose java.security.properties leave those protocols enabled.
     */
    public static void main(String[] args) throws Exception {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(Path.of(args[0]))) {
            keys.load(in, PASSWORD);
        }
        TlsTestServer server = new TlsTestServer(keys, "TLSv1", "TLSv1.1", "TLSv1.2");
        PrintStream out = System.out;
        out.println(server.port());
        out.flush();
        // serve until the test ends this process (its stdin closes)
        while (System.in.read() >= 0) {
            Thread.onSpinWait();
        }
        server.close();
    }

    static void save(KeyStore keys, Path file) throws Exception {
        try (var out = Files.newOutputStream(file)) {
            keys.store(out, PASSWORD);
        }
    }
}
