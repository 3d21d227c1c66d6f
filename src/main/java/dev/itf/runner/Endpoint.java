package dev.itf.runner;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The broker, database or cache a step talks to, from its {@code component} (the component's published
 * {@code uri} variable) or its own {@code uri}. Parsed by hand because {@code kafka://h1:9092,h2:9092} is not a
 * {@link java.net.URI} with a host. The password is registered with the run's redactor as soon as it is read.
 *
 * @param uri      the rendered URI, password included: for clients only, never for messages
 * @param scheme   lower-case scheme, e.g. {@code amqp}
 * @param hosts    {@code host:port} entries, default port filled in
 * @param user     user name or null
 * @param password password or null
 * @param path     the path after the authority without the leading slash (database, virtual host), may be empty
 * @param query    the query string without {@code ?}, may be empty
 */
public record Endpoint(String uri, String scheme, List<String> hosts, String user, String password, String path, String query) {

    private static final Map<String, Integer> DEFAULT_PORTS = Map.ofEntries(
            Map.entry("amqp", 5672), Map.entry("amqps", 5671), Map.entry("kafka", 9092), Map.entry("nats", 4222),
            Map.entry("mqtt", 1883), Map.entry("mqtts", 8883), Map.entry("postgresql", 5432),
            Map.entry("postgres", 5432), Map.entry("mysql", 3306), Map.entry("mariadb", 3306), Map.entry("redis", 6379),
            Map.entry("rediss", 6379));

    /**
     * Resolves the endpoint of a step that names a component or gives a URI (exactly one).
     *
     * @param what    the step kind for messages, e.g. {@code publish}
     * @param schemes the schemes this step accepts
     */
    public static Endpoint resolve(StepContext ctx, String what, String component, String uri, List<String> schemes) {
        boolean hasComponent = component != null && !component.isBlank();
        boolean hasUri = uri != null && !uri.isBlank();
        if (hasComponent == hasUri) {
            throw new IllegalArgumentException(what + ": give either component or uri");
        }
        String rendered;
        if (hasComponent) {
            String name = ctx.render(component);
            try {
                rendered = ctx.render("${components." + name + ".uri}");
            } catch (TemplateException e) {
                throw new TemplateException(what + ": component '" + name + "' has no uri (components." + name
                        + ".uri): in a cluster the environment publishes it; locally pass --var components." + name
                        + ".uri=URI or set it in ENV.yaml");
            }
        } else {
            rendered = ctx.render(uri);
        }
        Endpoint endpoint = parse(rendered);
        ctx.redactor().register(endpoint.password());
        if (endpoint.password() != null) {
            ctx.redactor().register(rawPassword(rendered));
        }
        if (!schemes.contains(endpoint.scheme())) {
            throw new IllegalArgumentException(what + ": unsupported URI scheme '" + endpoint.scheme() + "://' (" + endpoint.address()
                    + "); use one of " + schemes.stream().map(s -> s + "://").toList());
        }
        return endpoint;
    }

    public static Endpoint parse(String uri) {
        int sep = uri.indexOf("://");
        if (sep <= 0) {
            throw new IllegalArgumentException("not a URI with a scheme such as amqp:// or postgresql://: '" + new Redactor().redact(uri) + "'");
        }
        String scheme = uri.substring(0, sep).toLowerCase(Locale.ROOT);
        String rest = uri.substring(sep + 3);
        int end = firstOf(rest, '/', '?');
        String authority = rest.substring(0, end);
        String tail = rest.substring(end);
        String user = null;
        String password = null;
        int at = authority.lastIndexOf('@');
        if (at >= 0) {
            String info = authority.substring(0, at);
            authority = authority.substring(at + 1);
            int colon = info.indexOf(':');
            user = decode(colon >= 0 ? info.substring(0, colon) : info);
            password = colon >= 0 ? decode(info.substring(colon + 1)) : null;
            if (user.isEmpty()) {
                user = null;
            }
        }
        if (authority.isBlank()) {
            throw new IllegalArgumentException("URI '" + new Redactor().redact(uri) + "' names no host");
        }
        List<String> hosts = new ArrayList<>();
        for (String h : authority.split(",")) {
            hosts.add(withPort(h.trim(), DEFAULT_PORTS.getOrDefault(scheme, 0)));
        }
        String path = "";
        String query = "";
        int q = tail.indexOf('?');
        if (q >= 0) {
            query = tail.substring(q + 1);
            tail = tail.substring(0, q);
        }
        if (tail.startsWith("/")) {
            path = tail.substring(1);
        }
        return new Endpoint(uri, scheme, List.copyOf(hosts), user, password, path, query);
    }

    /** The address for messages: {@code host:port}, comma separated; never the credentials. */
    public String address() {
        return String.join(",", hosts);
    }

    /** Host of the first entry. */
    public String host() {
        String h = hosts.get(0);
        return h.substring(0, h.lastIndexOf(':'));
    }

    /** Port of the first entry. */
    public int port() {
        String h = hosts.get(0);
        return Integer.parseInt(h.substring(h.lastIndexOf(':') + 1));
    }

    private static String withPort(String host, int defaultPort) {
        boolean bracketed = host.startsWith("[");
        int colon = host.lastIndexOf(':');
        boolean hasPort = bracketed ? host.indexOf("]:") > 0 : colon > 0;
        return hasPort || defaultPort == 0 ? host : host + ":" + defaultPort;
    }

    private static int firstOf(String s, char a, char b) {
        int i = s.indexOf(a);
        int j = s.indexOf(b);
        if (i < 0) return j < 0 ? s.length() : j;
        return j < 0 ? i : Math.min(i, j);
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static String rawPassword(String uri) {
        String rest = uri.substring(uri.indexOf("://") + 3);
        int at = rest.lastIndexOf('@', firstOf(rest, '/', '?'));
        String info = at >= 0 ? rest.substring(0, at) : "";
        int colon = info.indexOf(':');
        return colon >= 0 ? info.substring(colon + 1) : null;
    }

    /**
     * The message for a client that could not reach this endpoint or failed talking to it: names the service, the
     * address and the innermost cause, with credentials masked.
     */
    public String failure(String service, Throwable error, Redactor redactor) {
        Throwable root = error;
        while (true) {
            Throwable next = root.getCause() != null && root.getCause() != root ? root.getCause()
                    // some clients keep the socket error as a suppressed exception rather than as the cause
                    : root.getSuppressed().length > 0 ? root.getSuppressed()[0] : null;
            if (next == null) {
                break;
            }
            root = next;
        }
        String cause = root.getMessage() == null || root.getMessage().isBlank() ? root.getClass().getSimpleName() : root.getMessage();
        String outer = error.getMessage();
        if (root != error && outer != null && !outer.isBlank() && !outer.contains(cause)) {
            cause = outer.replaceAll("[.\\s]+$", "") + ": " + cause;
        }
        return redactor.redact(service + " at " + address() + ": " + cause);
    }
}
