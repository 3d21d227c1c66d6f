package dev.itf.demo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;

/** REST orders: GET/POST /api/v1/orders, GET/PUT/PATCH/DELETE /api/v1/orders/{id}. */
final class OrdersHandler implements HttpHandler {

    static final String PATH = "/api/v1/orders";
    private static final int DEFAULT_LIMIT = 100;

    private final OrderStore store;

    OrdersHandler(OrderStore store) {
        this.store = store;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String rest = path.length() > PATH.length() ? path.substring(PATH.length() + 1) : "";
        if (path.length() > PATH.length() && path.charAt(PATH.length()) != '/' || rest.contains("/")) {
            Reply.error(exchange, 404, "no endpoint at " + path + "; see GET /");
            return;
        }
        String method = exchange.getRequestMethod();
        try {
            if (rest.isEmpty()) {
                switch (method) {
                    case "GET", "HEAD" -> list(exchange);
                    case "POST" -> create(exchange);
                    default -> notAllowed(exchange, "GET, POST");
                }
            } else {
                switch (method) {
                    case "GET", "HEAD" -> get(exchange, rest);
                    case "PUT" -> update(exchange, rest, false);
                    case "PATCH" -> update(exchange, rest, true);
                    case "DELETE" -> delete(exchange, rest);
                    default -> notAllowed(exchange, "GET, PUT, PATCH, DELETE");
                }
            }
        } catch (BadRequest e) {
            Reply.error(exchange, 400, e.getMessage());
        }
    }

    private void list(HttpExchange exchange) throws IOException {
        Map<String, String> query = Reply.query(exchange);
        int limit = DEFAULT_LIMIT;
        if (query.containsKey("limit")) {
            try {
                limit = Integer.parseInt(query.get("limit"));
            } catch (NumberFormatException e) {
                limit = -1;
            }
            if (limit < 1) {
                throw new BadRequest("limit must be a positive whole number, not '" + query.get("limit") + "'");
            }
        }
        String status = query.get("status");
        if (status != null && !OrderStore.STATUSES.contains(status)) {
            throw new BadRequest("status must be one of " + String.join(", ", OrderStore.STATUSES.stream().sorted().toList()) + ", not '" + status + "'");
        }
        Reply.json(exchange, 200, store.list(status, limit));
    }

    private void create(HttpExchange exchange) throws IOException {
        JsonNode body = parse(exchange);
        String customer = requiredCustomer(body);
        Order order = store.create(customer, items(body, null), total(body, null));
        exchange.getResponseHeaders().set("Location", PATH + "/" + order.id());
        Reply.json(exchange, 201, order);
    }

    private void get(HttpExchange exchange, String id) throws IOException {
        Optional<Order> order = store.find(id);
        if (order.isEmpty()) {
            notFound(exchange, id);
            return;
        }
        Reply.json(exchange, 200, order.get());
    }

    private void update(HttpExchange exchange, String id, boolean partial) throws IOException {
        Optional<Order> existing = store.find(id);
        if (existing.isEmpty()) {
            notFound(exchange, id);
            return;
        }
        JsonNode body = parse(exchange);
        Order old = existing.get();
        String customer = partial && !body.has("customer") ? old.customer() : requiredCustomer(body);
        String status = partial && !body.has("status") ? old.status() : status(body);
        JsonNode items = items(body, partial ? old.items() : null);
        Double total = total(body, partial ? old.total() : null);
        Optional<Order> updated = store.update(id, customer, items, total, status);
        if (updated.isEmpty()) {
            notFound(exchange, id);
            return;
        }
        Reply.json(exchange, 200, updated.get());
    }

    private void delete(HttpExchange exchange, String id) throws IOException {
        if (!store.delete(id)) {
            notFound(exchange, id);
            return;
        }
        Reply.empty(exchange, 204);
    }

    private static JsonNode parse(HttpExchange exchange) throws IOException {
        String text = Reply.body(exchange);
        if (text.isBlank()) {
            throw new BadRequest("the body must be a JSON object, e.g. {\"customer\": \"alice\"}");
        }
        JsonNode body;
        try {
            body = Reply.JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new BadRequest("the body is not valid JSON: " + e.getOriginalMessage());
        }
        if (!body.isObject()) {
            throw new BadRequest("the body must be a JSON object, e.g. {\"customer\": \"alice\"}");
        }
        return body;
    }

    private static String requiredCustomer(JsonNode body) {
        JsonNode customer = body.get("customer");
        if (customer == null || !customer.isTextual() || customer.asText().isBlank()) {
            throw new BadRequest("customer is required and must be a non-empty string");
        }
        return customer.asText();
    }

    private static String status(JsonNode body) {
        JsonNode status = body.get("status");
        if (status == null || !status.isTextual() || !OrderStore.STATUSES.contains(status.asText())) {
            throw new BadRequest("status is required and must be one of " + String.join(", ", OrderStore.STATUSES.stream().sorted().toList()));
        }
        return status.asText();
    }

    private static JsonNode items(JsonNode body, JsonNode fallback) {
        JsonNode items = body.get("items");
        if (items == null) {
            return fallback;
        }
        if (!items.isArray()) {
            throw new BadRequest("items must be an array, e.g. [{\"sku\": \"A-1\", \"quantity\": 2}]");
        }
        return items;
    }

    private static Double total(JsonNode body, Double fallback) {
        JsonNode total = body.get("total");
        if (total == null) {
            return fallback;
        }
        if (!total.isNumber() || total.asDouble() < 0) {
            throw new BadRequest("total must be a number of at least 0");
        }
        return total.asDouble();
    }

    private static void notFound(HttpExchange exchange, String id) throws IOException {
        Reply.error(exchange, 404, "order " + id + " not found");
    }

    private static void notAllowed(HttpExchange exchange, String allowed) throws IOException {
        exchange.getResponseHeaders().set("Allow", allowed);
        Reply.error(exchange, 405, exchange.getRequestMethod() + " is not allowed here; use " + allowed);
    }

    /** A request the client must fix; its message says how. */
    static final class BadRequest extends RuntimeException {
        BadRequest(String message) {
            super(message);
        }
    }
}
