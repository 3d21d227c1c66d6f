package dev.itf.demo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Endpoints for testing a test tool: slow, failing, flaky, redirecting, echoing and XML responses. */
final class ProbeEndpoints {

    static final long MAX_SLOW_MS = 60_000;
    private static final Set<String> MASKED = Set.of("authorization", "proxy-authorization", "x-api-key", "cookie");

    private final OrderStore store;
    private final Map<String, AtomicInteger> flakyCalls = new ConcurrentHashMap<>();

    ProbeEndpoints(OrderStore store) {
        this.store = store;
    }

    void health(HttpExchange exchange) throws IOException {
        Reply.json(exchange, 200, Map.of("status", "UP"));
    }

    void slow(HttpExchange exchange) throws IOException {
        String ms = Reply.query(exchange).getOrDefault("ms", "1000");
        long delay;
        try {
            delay = Long.parseLong(ms);
        } catch (NumberFormatException e) {
            delay = -1;
        }
        if (delay < 0 || delay > MAX_SLOW_MS) {
            Reply.error(exchange, 400, "ms must be a whole number from 0 to " + MAX_SLOW_MS + ", not '" + ms + "'");
            return;
        }
        try {
            Thread.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            Reply.error(exchange, 503, "the server is stopping");
            return;
        }
        Reply.json(exchange, 200, Map.of("delayedMs", delay));
    }

    void status(HttpExchange exchange) throws IOException {
        String code = exchange.getRequestURI().getPath().substring("/status/".length());
        int status;
        try {
            status = Integer.parseInt(code);
        } catch (NumberFormatException e) {
            status = -1;
        }
        if (status < 200 || status > 599) {
            Reply.error(exchange, 400, "the status must be a number from 200 to 599, e.g. /status/418, not '" + code + "'");
            return;
        }
        if (status == 204 || status == 304) {
            Reply.empty(exchange, status);
            return;
        }
        Reply.json(exchange, status, Map.of("status", status));
    }

    void fail(HttpExchange exchange) throws IOException {
        Reply.error(exchange, 500, "this endpoint always fails");
    }

    void flaky(HttpExchange exchange) throws IOException {
        Map<String, String> query = Reply.query(exchange);
        String key = query.getOrDefault("key", "default");
        int failures;
        try {
            failures = Integer.parseInt(query.getOrDefault("failures", "1"));
        } catch (NumberFormatException e) {
            failures = -1;
        }
        if (failures < 0) {
            Reply.error(exchange, 400, "failures must be a whole number of at least 0, not '" + query.get("failures") + "'");
            return;
        }
        int call = flakyCalls.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
        if (call <= failures) {
            Reply.error(exchange, 503, "call " + call + " for key " + key + " fails on purpose (" + failures + " failures before success)");
            return;
        }
        Reply.json(exchange, 200, Map.of("key", key, "call", call));
    }

    void redirect(HttpExchange exchange) throws IOException {
        String to = Reply.query(exchange).getOrDefault("to", "/health");
        // only paths on this server, so the demo is no open redirect
        if (!to.startsWith("/") || to.startsWith("//")) {
            Reply.error(exchange, 400, "to must be a path on this server starting with /, e.g. /redirect?to=/health");
            return;
        }
        exchange.getResponseHeaders().set("Location", to);
        Reply.json(exchange, 302, Map.of("location", to));
    }

    void headers(HttpExchange exchange) throws IOException {
        ObjectNode body = Reply.JSON.createObjectNode();
        Map<String, List<String>> sorted = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        sorted.putAll(exchange.getRequestHeaders());
        sorted.forEach((name, values) -> {
            String shown = String.join(", ", values);
            body.put(name, MASKED.contains(name.toLowerCase(Locale.ROOT)) ? mask(shown) : shown);
        });
        Reply.json(exchange, 200, body);
    }

    /** Keeps the scheme word (Basic, Bearer) so a test can see which was sent, never the credential. */
    private static String mask(String value) {
        int space = value.indexOf(' ');
        return (space > 0 ? value.substring(0, space + 1) : "") + "******";
    }

    void xml(HttpExchange exchange) throws IOException {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<orders>\n");
        for (Order order : store.list(null, 100)) {
            xml.append("  <order id=\"").append(escape(order.id())).append("\">\n")
                    .append("    <customer>").append(escape(order.customer())).append("</customer>\n")
                    .append("    <status>").append(order.status()).append("</status>\n")
                    .append("  </order>\n");
        }
        xml.append("</orders>\n");
        Reply.text(exchange, 200, "application/xml", xml.toString());
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
