package dev.itf.runner.http;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;
import java.net.Socket;
import java.net.http.HttpClient;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The run's HTTP clients, one per combination of TLS verification and redirect handling, so connections are pooled
 * across cases. Kept in the run's resources under {@link #KEY}.
 */
public final class HttpClients implements AutoCloseable {

    public static final String KEY = "http-clients";
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /**
     * The JDK client's own debug trace prints request headers (credentials included) and, when the process's log
     * manager leaves debug enabled, costs more than the request itself: the runner keeps it off. Held here so the
     * level is not lost with a garbage-collected logger.
     */
    private static final Logger JDK_CLIENT_TRACE = Logger.getLogger("jdk.internal.httpclient.debug");

    static {
        JDK_CLIENT_TRACE.setLevel(Level.INFO);
    }

    private final Map<String, HttpClient> clients = new ConcurrentHashMap<>();

    public HttpClient client(boolean insecure, boolean followRedirects) {
        return clients.computeIfAbsent(insecure + "/" + followRedirects, k -> build(insecure, followRedirects));
    }

    private static HttpClient build(boolean insecure, boolean followRedirects) {
        HttpClient.Builder b = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(followRedirects ? HttpClient.Redirect.NORMAL : HttpClient.Redirect.NEVER);
        if (insecure) {
            b.sslContext(trustAll());
        }
        return b.build();
    }

    /**
     * A context that accepts any certificate. The trust manager is an X509ExtendedTrustManager, so the JDK leaves
     * host name checks to it too: they are off for this client only, never for the verifying one.
     */
    private static SSLContext trustAll() {
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, new TrustManager[] {new AnyCertificate()}, new SecureRandom());
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot create a TLS context: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        // java.net.http.HttpClient has no close on Java 17: dropping the references lets its threads end
        clients.clear();
    }

    private static final class AnyCertificate extends X509ExtendedTrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
