package dev.itf.runner.events;

import java.util.Locale;
import java.util.Optional;

/**
 * The virtual host an {@code amqp://} URI names. Per RabbitMQ's URI spec the path is the vhost, so
 * {@code amqp://host:5672/} names the empty vhost "", not the default vhost "/": users write it meaning the default
 * and only see "access refused". This explains that and gives the fix, for the broker's error and for lint.
 */
public final class AmqpVhost {

    private AmqpVhost() {
    }

    /**
     * The advice when the URI names the empty vhost (a path of exactly "/"), else empty.
     *
     * @param uri the URI as written (templates may remain); credentials are not echoed
     */
    public static Optional<String> emptyVhostAdvice(String uri) {
        if (uri == null) {
            return Optional.empty();
        }
        int sep = uri.indexOf("://");
        if (sep <= 0) {
            return Optional.empty();
        }
        String scheme = uri.substring(0, sep).toLowerCase(Locale.ROOT);
        if (!scheme.equals("amqp") && !scheme.equals("amqps")) {
            return Optional.empty();
        }
        String rest = uri.substring(sep + 3);
        int query = rest.indexOf('?');
        String withoutQuery = query >= 0 ? rest.substring(0, query) : rest;
        int slash = withoutQuery.indexOf('/');
        if (slash < 0 || slash != withoutQuery.length() - 1) {
            return Optional.empty();
        }
        String authority = withoutQuery.substring(0, slash);
        String host = authority.substring(authority.lastIndexOf('@') + 1);
        String base = scheme + "://" + host;
        return Optional.of(base + "/ names the empty virtual host \"\" (the path of an AMQP URI is the vhost),"
                + " not the default vhost \"/\"; for the default vhost write " + base + " or " + base + "/%2F");
    }
}
