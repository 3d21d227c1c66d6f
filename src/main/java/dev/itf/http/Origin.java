package dev.itf.http;

import java.net.URI;
import java.util.Locale;

/** Where a connection goes: scheme, host and port. Connections are pooled per origin and TLS setting. */
record Origin(boolean tls, String host, int port) {

    static Origin of(URI uri) {
        return new Origin("https".equalsIgnoreCase(uri.getScheme()), uri.getHost().toLowerCase(Locale.ROOT), port(uri));
    }

    static int port(URI uri) {
        if (uri.getPort() >= 0) {
            return uri.getPort();
        }
        return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    /** The Host field: the port only when it is not the scheme's default. */
    String hostField() {
        String h = host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host;
        return port == (tls ? 443 : 80) ? h : h + ":" + port;
    }

    /** The host without IPv6 brackets, for name resolution and TLS. */
    String bareHost() {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    // written out: a record's generated equals and hashCode go through method handles, slow before the JIT's last tier
    @Override
    public boolean equals(Object o) {
        return o instanceof Origin other && tls == other.tls && port == other.port && host.equals(other.host);
    }

    @Override
    public int hashCode() {
        return host.hashCode() * 31 + port + (tls ? 1 : 0);
    }

    @Override
    public String toString() {
        return hostField();
    }
}
