package dev.itf.demo;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The built-in demo service of {@code itf demo-target}: orders over REST and GraphQL, endpoints behind each auth
 * scheme ITF supports, and slow, failing and flaky endpoints. Plain JDK HTTP server, no framework.
 */
public final class DemoTarget implements AutoCloseable {

    /** One endpoint: what GET / lists and the server routes. */
    private record Route(String method, String path, String description, HttpHandler handler) {
    }

    private static final int THREADS = 64;

    static {
        // the JDK server writes headers and body separately; without TCP_NODELAY each response waits ~40 ms for an ACK
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final DemoOptions options;
    private final OrderStore orders;
    private final List<Route> routes = new ArrayList<>();
    private final List<AutoCloseable> attached = new ArrayList<>();
    private HttpServer server;
    private HttpsServer httpsServer;
    private int httpsPort = -1;
    private CertificateAuthority ca;
    private SecurityDemo security;
    private ExecutorService executor;

    public DemoTarget(DemoOptions options) {
        this.options = options;
        Clock clock = Clock.systemUTC();
        this.orders = new OrderStore(clock);
        OAuthTokenIssuer issuer = new OAuthTokenIssuer(options, clock);
        SecureEndpoints secure = new SecureEndpoints(options, new Hs256Verifier(options.jwtSecret(), clock), issuer);
        ProbeEndpoints probes = new ProbeEndpoints(orders);
        OrdersHandler ordersHandler = new OrdersHandler(orders);
        route("GET", "/", "this list of endpoints", this::index);
        route("GET, POST", OrdersHandler.PATH, "list orders (?limit=N, ?status=S) or create one ({customer, items, total})", ordersHandler);
        route("GET, PUT, PATCH, DELETE", OrdersHandler.PATH + "/{id}", "read, replace, update or delete an order", null);
        route("POST", GraphqlHandler.PATH, "GraphQL: order(id), orders(limit), createOrder(input), updateOrderStatus(id, status)", new GraphqlHandler(orders));
        route("GET", "/secure/basic", "HTTP basic auth (" + options.basicUser() + " / password)", secure::basic);
        route("GET", "/secure/apikey", "API key in the X-API-Key header or the api_key query parameter", secure::apiKey);
        route("GET", "/secure/jwt", "HS256 JWT bearer token, signature and exp checked", secure::jwt);
        route("GET", "/secure/oauth", "bearer token issued by /oauth/token", secure::oauth);
        route("POST", "/oauth/token", "OAuth2 token endpoint: client_credentials and password grants", issuer::token);
        route("GET", "/oauth/stats", "how many tokens /oauth/token has issued", issuer::stats);
        route("GET", "/slow", "answers after ?ms=N milliseconds", probes::slow);
        route("GET", LatencyEndpoint.PATH, "answers after a log-normal random delay: median ?p50=MS, 99th percentile ?p99=MS, ?errors=PERCENT of 500s",
                new LatencyEndpoint()::handle);
        route("GET", "/status/{code}", "answers with the given status code", probes::status);
        route("GET", "/fail", "always 500", probes::fail);
        route("GET", "/flaky", "fails the first ?failures=N calls per ?key=K with 503, then 200", probes::flaky);
        route("GET", "/redirect", "302 to ?to=/path", probes::redirect);
        route("GET", "/headers", "echoes the request headers as JSON, credentials masked", probes::headers);
        route("GET", "/xml", "the orders as an XML document", probes::xml);
        route("GET", "/health", "200 when the server is up", probes::health);
        security = new SecurityDemo(new Hs256Verifier(options.jwtSecret(), clock), clock);
        SecurityDemo.routes().forEach((paths, description) -> route("GET, POST, DELETE", paths, description, null));
        route("GET, POST, DELETE, OPTIONS", SecurityDemo.HARDENED + "{path}", "the hardened twin", security::hardened);
        route("GET, POST, DELETE, OPTIONS", SecurityDemo.WEAK + "{path}", "the weak twin", security::weak);
    }

    private void route(String method, String path, String description, HttpHandler handler) {
        routes.add(new Route(method, path, description, handler));
    }

    /** The orders, for wiring that reacts to them (see {@link OrderStore#onCreated}). */
    public OrderStore orders() {
        return orders;
    }

    /** Something that lives as long as the target (the optional event wiring), closed with it. */
    public synchronized DemoTarget closeWith(AutoCloseable resource) {
        attached.add(resource);
        return this;
    }

    /** Starts listening; with port 0 a free port is chosen, see {@link #port()}. */
    public synchronized DemoTarget start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(options.port()), 128);
        if (httpsPort >= 0) {
            httpsServer = HttpsServer.create(new InetSocketAddress(httpsPort), 128);
            httpsServer.setHttpsConfigurator(new HttpsConfigurator(tlsContext()));
        }
        for (Route r : routes) {
            if (r.handler() != null) {
                int placeholder = r.path().indexOf('{');
                String context = placeholder > 0 ? r.path().substring(0, placeholder) : r.path();
                server.createContext(context, guarded(r));
                if (httpsServer != null) {
                    httpsServer.createContext(context, guarded(r));
                }
            }
        }
        executor = Executors.newFixedThreadPool(THREADS, r -> {
            Thread t = new Thread(r, "demo-target");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.start();
        if (httpsServer != null) {
            httpsServer.setExecutor(executor);
            httpsServer.start();
            security.httpsPort(httpsServer.getAddress().getPort());
        }
        return this;
    }

    /** The port the server listens on. */
    public int port() {
        return server.getAddress().getPort();
    }

    /**
     * Also listen for HTTPS on this port (0 picks a free one), with a certificate for localhost and 127.0.0.1 from a
     * CA made at start; see {@link #caPem()}. Call before {@link #start()}.
     */
    public synchronized DemoTarget https(int port) {
        this.httpsPort = port;
        return this;
    }

    /** The HTTPS port, or -1 without an HTTPS listener. */
    public int httpsPort() {
        return httpsServer == null ? -1 : httpsServer.getAddress().getPort();
    }

    /** The PEM of the CA that issued the HTTPS certificate, for clients to trust; null without an HTTPS listener. */
    public String caPem() {
        return ca == null ? null : ca.pem();
    }

    private SSLContext tlsContext() throws IOException {
        try {
            ca = CertificateAuthority.create("itf demo target CA", 365);
            Instant now = Instant.now();
            char[] password = "demo".toCharArray();
            CertificateAuthority.Issued issued = ca.issue("localhost", List.of("localhost", "127.0.0.1", "::1"),
                    now.minusSeconds(300), now.plus(Duration.ofDays(365)));
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(issued.keyStore(password), password);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kmf.getKeyManagers(), null, null);
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot set up the HTTPS listener: " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void close() {
        if (httpsServer != null) {
            httpsServer.stop(0);
            httpsServer = null;
        }
        if (server != null) {
            server.stop(0);
            executor.shutdownNow();
            try {
                executor.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            server = null;
        }
        for (AutoCloseable a : attached) {
            try {
                a.close();
            } catch (Exception ignored) {
                // stopping: one wiring failing to close must not keep the others open
            }
        }
        attached.clear();
    }

    /** Every route answers HEAD like GET; an exact path is required except for routes with a {placeholder}; a crash is a JSON 500. */
    private HttpHandler guarded(Route route) {
        boolean exact = !route.path().contains("{") && !route.path().equals(OrdersHandler.PATH);
        return exchange -> {
            try {
                String path = exchange.getRequestURI().getPath();
                if (exact && !path.equals(route.path())) {
                    Reply.error(exchange, 404, "no endpoint at " + path + "; GET / lists them");
                    return;
                }
                String method = exchange.getRequestMethod();
                boolean allowed = route.method().contains(method) || method.equals("HEAD") && route.method().contains("GET");
                if (!allowed && !route.path().equals(OrdersHandler.PATH)) {
                    exchange.getResponseHeaders().set("Allow", route.method());
                    Reply.error(exchange, 405, method + " is not allowed on " + route.path() + "; use " + route.method());
                    return;
                }
                route.handler().handle(exchange);
            } catch (RuntimeException e) {
                Reply.error(exchange, 500, "the demo target failed: " + e);
            } finally {
                exchange.close();
            }
        };
    }

    private void index(HttpExchange exchange) throws IOException {
        ObjectNode body = Reply.JSON.createObjectNode().put("service", "itf demo target");
        ArrayNode list = body.putArray("endpoints");
        routes.forEach(r -> list.addObject().put("method", r.method()).put("path", r.path()).put("description", r.description()));
        Reply.json(exchange, 200, body);
    }
}
