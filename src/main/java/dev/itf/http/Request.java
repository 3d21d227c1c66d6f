package dev.itf.http;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;

/**
 * One HTTP request: a method, an absolute http(s) URI, header fields, an optional body, and a deadline for the whole
 * exchange (connecting, sending and reading the whole response).
 */
public final class Request {

    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    /** Fields not carried to another host when following a redirect: credentials are for the host they were meant for. */
    private static final Set<String> CREDENTIALS = Set.of("authorization", "cookie", "proxy-authorization");

    final String method;
    final URI uri;
    final Headers headers;
    final byte[] body;
    final Duration timeout;

    private Request(String method, URI uri, Headers headers, byte[] body, Duration timeout) {
        this.method = method;
        this.uri = uri;
        this.headers = headers;
        this.body = body;
        this.timeout = timeout;
    }

    public static Builder to(URI uri) {
        return new Builder(uri);
    }

    public String method() {
        return method;
    }

    public URI uri() {
        return uri;
    }

    /** The request as HTTP/1.1 sends it: request line, Host, the fields, User-Agent and Content-Length when missing, the body. */
    public byte[] bytes() {
        StringBuilder head = new StringBuilder(256);
        String path = uri.getRawPath();
        head.append(method).append(' ').append(path == null || path.isEmpty() ? "/" : path);
        if (uri.getRawQuery() != null) {
            head.append('?').append(uri.getRawQuery());
        }
        head.append(" HTTP/1.1\r\nHost: ").append(Origin.of(uri).hostField()).append("\r\n");
        boolean agent = false;
        for (int i = 0; i < headers.size(); i++) {
            head.append(headers.name(i)).append(": ").append(headers.value(i)).append("\r\n");
            agent |= headers.name(i).equalsIgnoreCase("User-Agent");
        }
        if (!agent) {
            head.append("User-Agent: itf\r\n");
        }
        if (body != null) {
            head.append("Content-Length: ").append(body.length).append("\r\n");
        } else if (!method.equals("GET") && !method.equals("HEAD") && !method.equals("OPTIONS")
                && !method.equals("DELETE") && !method.equals("TRACE")) {
            head.append("Content-Length: 0\r\n");
        }
        head.append("\r\n");
        byte[] headBytes = head.toString().getBytes(StandardCharsets.UTF_8);
        if (body == null || body.length == 0) {
            return headBytes;
        }
        byte[] all = new byte[headBytes.length + body.length];
        System.arraycopy(headBytes, 0, all, 0, headBytes.length);
        System.arraycopy(body, 0, all, headBytes.length, body.length);
        return all;
    }

    public Duration timeout() {
        return timeout;
    }

    /** The request a redirect of this one with the given status leads to (RFC 9110: 303, and 301/302 after POST, become GET). */
    Request redirectedTo(URI next, int status) {
        boolean toGet = (status == 303 && !method.equals("HEAD")) || ((status == 301 || status == 302) && method.equals("POST"));
        boolean sameOrigin = next.getScheme().equalsIgnoreCase(uri.getScheme()) && next.getHost().equalsIgnoreCase(uri.getHost())
                && Origin.port(next) == Origin.port(uri);
        Headers h = sameOrigin ? headers : headers.without(CREDENTIALS);
        if (toGet) {
            h = h.without(Set.of("content-type"));
        }
        return new Request(toGet ? "GET" : method, next, h, toGet ? null : body, timeout);
    }

    public static final class Builder {
        private final URI uri;
        private String method = "GET";
        private final Headers headers = new Headers();
        private byte[] body;
        private Duration timeout = DEFAULT_TIMEOUT;

        private Builder(URI uri) {
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https")) {
                throw new IllegalArgumentException("unsupported URI scheme in " + uri + ": use http or https");
            }
            if (uri.getHost() == null || uri.getHost().isEmpty()) {
                throw new IllegalArgumentException("no host in " + uri);
            }
            this.uri = uri;
        }

        /** The method and body (null: none). */
        public Builder method(String method, byte[] body) {
            if (method == null || method.isEmpty()) {
                throw new IllegalArgumentException("invalid method \"" + method + "\"");
            }
            for (int i = 0; i < method.length(); i++) {
                char c = method.charAt(i);
                if (c <= 0x20 || c >= 0x7f || "()<>@,;:\\\"/[]?={}".indexOf(c) >= 0) {
                    throw new IllegalArgumentException("invalid method \"" + method + "\"");
                }
            }
            this.method = method;
            this.body = body;
            return this;
        }

        public Builder method(String method, String body) {
            return method(method, body == null ? null : body.getBytes(StandardCharsets.UTF_8));
        }

        /** Adds a header field; throws IllegalArgumentException for a bad name or value, or one the client writes itself. */
        public Builder header(String name, String value) {
            headers.add(name, value);
            return this;
        }

        /** The deadline of the whole exchange, redirects included. */
        public Builder timeout(Duration timeout) {
            if (timeout == null || timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("the timeout must be positive, got " + timeout);
            }
            this.timeout = timeout;
            return this;
        }

        public Request build() {
            return new Request(method, uri, headers, body, timeout);
        }
    }
}
