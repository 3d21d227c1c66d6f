package dev.itf.runner;

import dev.itf.http.CaCertificates;
import dev.itf.http.Client;
import dev.itf.http.ConnectionPool;
import dev.itf.http.Tls;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The run's HTTP clients, one per combination of TLS verification and redirect handling, over one connection pool
 * so connections are kept across cases. Kept in the run's resources under {@link #KEY}.
 */
public final class HttpClients implements AutoCloseable {

    public static final String KEY = "http-clients";

    private final ConnectionPool pool = new ConnectionPool();
    /** Indexed by insecure * 2 + followRedirects: built once, no lookup cost per step. */
    private final Client[] clients = new Client[4];
    private final Map<String, Tls> byCa = new ConcurrentHashMap<>();
    private final Map<Tls, Client[]> byTls = new ConcurrentHashMap<>();

    public HttpClients() {
        for (int i = 0; i < clients.length; i++) {
            clients[i] = Client.builder().pool(pool).tls(i >= 2 ? Tls.TRUST_ALL : Tls.VERIFY).followRedirects(i % 2 == 1).build();
        }
    }

    public Client client(boolean insecure, boolean followRedirects) {
        return clients[(insecure ? 2 : 0) + (followRedirects ? 1 : 0)];
    }

    /** A client trusting the given CA certificates (PEM text), one per CA and redirect setting over the same pool. */
    public Client trusting(String caPem, boolean followRedirects) {
        Client[] pair = byTls.computeIfAbsent(tls(caPem), t -> new Client[] {
                Client.builder().pool(pool).tls(t).followRedirects(false).build(),
                Client.builder().pool(pool).tls(t).followRedirects(true).build()});
        return pair[followRedirects ? 1 : 0];
    }

    /** The TLS setting of a CA (PEM text), the same instance for the same text. */
    public Tls tls(String caPem) {
        return byCa.computeIfAbsent(caPem, pem -> Tls.trusting(CaCertificates.parse(pem)));
    }

    /** Idle connections kept for later cases, for tests that check reuse and cleanup. */
    public int idleConnections() {
        return pool.idle();
    }

    @Override
    public void close() {
        pool.close();
    }
}
