package dev.itf.http;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.nio.channels.ClosedByInterruptException;
import java.time.Duration;

/**
 * ITF's one HTTP client stack: blocking HTTP/1.1 on the calling thread over pooled keep-alive connections, configured
 * per use (TLS checks, redirects, connect timeout). Steps, OAuth2 token requests, the results pusher and notifications
 * all send through it; clients made with the same {@link ConnectionPool} share connections.
 * <p>
 * Failures are IOExceptions a caller can tell apart: {@link java.net.ConnectException} (refused, unknown host),
 * {@link java.net.http.HttpConnectTimeoutException} (no connection within the connect timeout),
 * {@link HttpTimeoutException} (the request's deadline passed), {@link javax.net.ssl.SSLException} (TLS).
 */
public final class Client implements AutoCloseable {

    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** As many redirects as browsers and the JDK client follow before giving up. */
    static final int MAX_REDIRECTS = 5;

    private final ConnectionPool pool;
    private final boolean ownsPool;
    private final Tls tls;
    private final boolean followRedirects;
    private final Duration connectTimeout;

    private Client(Builder b) {
        this.ownsPool = b.pool == null;
        this.pool = b.pool == null ? new ConnectionPool() : b.pool;
        this.tls = b.tls;
        this.followRedirects = b.followRedirects;
        this.connectTimeout = b.connectTimeout;
    }

    public static Builder builder() {
        return new Builder();
    }

    public boolean followsRedirects() {
        return followRedirects;
    }

    public Tls tls() {
        return tls;
    }

    /** Sends the request and reads the whole response, following redirects when configured (never from https to http). */
    public Response send(Request request) throws IOException {
        long deadline = System.nanoTime() + request.timeout.toNanos();
        Request current = request;
        for (int redirects = 0; ; redirects++) {
            Response response = exchange(current, deadline);
            if (!followRedirects || !isRedirect(response.status())) {
                return response;
            }
            String location = response.headers().first("Location");
            if (location == null) {
                return response;
            }
            URI next;
            try {
                next = current.uri.resolve(location.trim());
            } catch (IllegalArgumentException e) {
                throw new IOException("bad redirect location \"" + location + "\" from " + current.uri);
            }
            String scheme = next.getScheme() == null ? "" : next.getScheme().toLowerCase(java.util.Locale.ROOT);
            boolean downgrade = "https".equalsIgnoreCase(current.uri.getScheme()) && scheme.equals("http");
            if (downgrade || !(scheme.equals("http") || scheme.equals("https")) || next.getHost() == null) {
                return response;
            }
            if (redirects >= MAX_REDIRECTS) {
                throw new IOException("more than " + MAX_REDIRECTS + " redirects, the last to " + next);
            }
            current = current.redirectedTo(next, response.status());
        }
    }

    private Response exchange(Request request, long deadline) throws IOException {
        Origin origin = Origin.of(request.uri);
        Connection pooled = pool.take(origin, tls);
        if (pooled != null) {
            try {
                Response r = pooled.exchange(request, deadline);
                done(pooled);
                return r;
            } catch (HttpTimeoutException | ClosedByInterruptException e) {
                pooled.close();
                throw e;
            } catch (IOException e) {
                pooled.close();
                if (pooled.received() || Thread.currentThread().isInterrupted()) {
                    throw e;
                }
                // the server closed the idle connection before our request reached it: once more on a new one
            }
        }
        Connection fresh = Connection.open(origin, tls, connectTimeout, deadline);
        try {
            Response r = fresh.exchange(request, deadline);
            done(fresh);
            return r;
        } catch (IOException | RuntimeException e) {
            fresh.close();
            throw e;
        }
    }

    private void done(Connection c) {
        if (c.reusable()) {
            pool.release(c);
        } else {
            c.close();
        }
    }

    private static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    /** Closes the pool when this client made its own; a shared pool is closed by its owner. */
    @Override
    public void close() {
        if (ownsPool) {
            pool.close();
        }
    }

    public static final class Builder {
        private ConnectionPool pool;
        private Tls tls = Tls.VERIFY;
        private boolean followRedirects = true;
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;

        private Builder() {
        }

        /** Share connections with other clients of this pool (its owner closes it); without it the client has its own. */
        public Builder pool(ConnectionPool pool) {
            this.pool = pool;
            return this;
        }

        public Builder tls(Tls tls) {
            this.tls = tls;
            return this;
        }

        public Builder followRedirects(boolean follow) {
            this.followRedirects = follow;
            return this;
        }

        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = timeout;
            return this;
        }

        public Client build() {
            return new Client(this);
        }
    }
}
