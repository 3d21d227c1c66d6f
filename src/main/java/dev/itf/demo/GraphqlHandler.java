package dev.itf.demo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * POST /graphql with {query, variables, operationName} over a fixed schema:
 * <pre>
 * type Query    { order(id: ID!): Order, orders(limit: Int, status: String): [Order!]! }
 * type Mutation { createOrder(input: OrderInput!): Order!, updateOrderStatus(id: ID!, status: String!): Order }
 * type Order    { id customer status total items createdAt updatedAt }
 * </pre>
 * Unknown fields and missing arguments answer {"errors": [...]} and run nothing.
 */
final class GraphqlHandler implements HttpHandler {

    static final String PATH = "/graphql";

    private static final Map<String, Set<String>> FIELDS = Map.of(
            "Query", Set.of("order", "orders", "__typename"),
            "Mutation", Set.of("createOrder", "updateOrderStatus", "__typename"),
            "Order", Set.of("id", "customer", "status", "total", "items", "createdAt", "updatedAt", "__typename"));
    private static final Map<String, Set<String>> REQUIRED_ARGS = Map.of(
            "order", Set.of("id"), "createOrder", Set.of("input"), "updateOrderStatus", Set.of("id", "status"));
    private static final Set<String> ORDER_VALUED = Set.of("order", "orders", "createOrder", "updateOrderStatus");

    private final OrderStore store;

    GraphqlHandler(OrderStore store) {
        this.store = store;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        if (!"POST".equals(exchange.getRequestMethod())) {
            exchange.getResponseHeaders().set("Allow", "POST");
            Reply.error(exchange, 405, "send queries with POST and a JSON body {\"query\": ..., \"variables\": {...}}");
            return;
        }
        JsonNode request;
        try {
            request = Reply.JSON.readTree(Reply.body(exchange));
        } catch (JsonProcessingException e) {
            Reply.error(exchange, 400, "the body is not valid JSON: " + e.getOriginalMessage());
            return;
        }
        if (request == null || !request.path("query").isTextual()) {
            Reply.error(exchange, 400, "the body must be a JSON object with a \"query\" string");
            return;
        }
        Reply.json(exchange, 200, execute(request));
    }

    ObjectNode execute(JsonNode request) {
        ObjectNode response = Reply.JSON.createObjectNode();
        ArrayNode errors = Reply.JSON.createArrayNode();
        List<GraphqlDocument.Operation> operations;
        try {
            operations = GraphqlDocument.parse(request.get("query").asText(), request.get("variables"));
        } catch (GraphqlDocument.SyntaxError e) {
            errors.add(error(e.getMessage(), null));
            return response.set("errors", errors);
        }
        Optional<GraphqlDocument.Operation> chosen = choose(operations, request.path("operationName").asText(null), errors);
        if (chosen.isEmpty()) {
            return response.set("errors", errors);
        }
        GraphqlDocument.Operation op = chosen.get();
        op.undefinedVariables().stream().distinct()
                .forEach(v -> errors.add(error("variable $" + v + " is not defined: pass it in \"variables\"", null)));
        if (!errors.isEmpty()) {
            return response.set("errors", errors);
        }
        String rootType = op.type().equals("mutation") ? "Mutation" : "Query";
        validate(op.selections(), rootType, errors);
        if (!errors.isEmpty()) {
            return response.set("errors", errors);
        }
        ObjectNode data = Reply.JSON.createObjectNode();
        for (GraphqlDocument.Field field : op.selections()) {
            try {
                data.set(field.key(), resolveRoot(field, rootType));
            } catch (IllegalArgumentException e) {
                data.putNull(field.key());
                errors.add(error(e.getMessage(), field).set("path", Reply.JSON.createArrayNode().add(field.key())));
            }
        }
        response.set("data", data);
        if (!errors.isEmpty()) {
            response.set("errors", errors);
        }
        return response;
    }

    private static Optional<GraphqlDocument.Operation> choose(List<GraphqlDocument.Operation> operations, String name, ArrayNode errors) {
        if (name != null && !name.isEmpty()) {
            Optional<GraphqlDocument.Operation> named = operations.stream().filter(o -> name.equals(o.name())).findFirst();
            if (named.isEmpty()) {
                errors.add(error("operationName " + name + " does not match an operation in the query", null));
            }
            return named;
        }
        if (operations.size() > 1) {
            errors.add(error("the query has " + operations.size() + " operations: give operationName", null));
            return Optional.empty();
        }
        return Optional.of(operations.get(0));
    }

    private static void validate(List<GraphqlDocument.Field> fields, String type, ArrayNode errors) {
        for (GraphqlDocument.Field f : fields) {
            if (!FIELDS.get(type).contains(f.name())) {
                errors.add(error("Cannot query field \"" + f.name() + "\" on type \"" + type + "\"; its fields are "
                        + String.join(", ", FIELDS.get(type).stream().sorted().toList()), f));
                continue;
            }
            for (String arg : REQUIRED_ARGS.getOrDefault(type.equals("Order") ? "" : f.name(), Set.of())) {
                if (!f.args().containsKey(arg) || f.args().get(arg).isNull()) {
                    errors.add(error("Field \"" + f.name() + "\" needs the argument \"" + arg + "\"", f));
                }
            }
            boolean orderValued = !type.equals("Order") && ORDER_VALUED.contains(f.name());
            if (orderValued && f.selections().isEmpty()) {
                errors.add(error("Field \"" + f.name() + "\" of type Order must select sub-fields, e.g. { id status }", f));
            } else if (orderValued) {
                validate(f.selections(), "Order", errors);
            } else if (!f.selections().isEmpty() && !f.name().equals("items")) {
                errors.add(error("Field \"" + f.name() + "\" is a scalar and cannot select sub-fields", f));
            }
        }
    }

    private JsonNode resolveRoot(GraphqlDocument.Field f, String rootType) {
        Map<String, JsonNode> args = f.args();
        switch (f.name()) {
            case "__typename":
                return Reply.JSON.getNodeFactory().textNode(rootType);
            case "order":
                return store.find(args.get("id").asText()).map(o -> project(o, f.selections())).orElse(Reply.JSON.nullNode());
            case "orders": {
                int limit = args.containsKey("limit") && !args.get("limit").isNull() ? args.get("limit").asInt() : 100;
                if (limit < 1) {
                    throw new IllegalArgumentException("limit must be at least 1");
                }
                String status = args.containsKey("status") && !args.get("status").isNull() ? args.get("status").asText() : null;
                ArrayNode list = Reply.JSON.createArrayNode();
                store.list(status, limit).forEach(o -> list.add(project(o, f.selections())));
                return list;
            }
            case "createOrder": {
                JsonNode input = args.get("input");
                if (!input.path("customer").isTextual() || input.path("customer").asText().isBlank()) {
                    throw new IllegalArgumentException("input.customer is required and must be a non-empty string");
                }
                JsonNode items = input.get("items");
                if (items != null && !items.isNull() && !items.isArray()) {
                    throw new IllegalArgumentException("input.items must be a list");
                }
                JsonNode total = input.get("total");
                if (total != null && !total.isNull() && !total.isNumber()) {
                    throw new IllegalArgumentException("input.total must be a number");
                }
                Order order = store.create(input.get("customer").asText(), items == null || items.isNull() ? null : items,
                        total == null || total.isNull() ? null : total.asDouble());
                return project(order, f.selections());
            }
            default: {
                String id = args.get("id").asText();
                String status = args.get("status").asText();
                if (!OrderStore.STATUSES.contains(status)) {
                    throw new IllegalArgumentException("status must be one of " + String.join(", ", OrderStore.STATUSES.stream().sorted().toList()));
                }
                Order old = store.find(id).orElseThrow(() -> new IllegalArgumentException("order " + id + " not found"));
                return store.update(id, old.customer(), old.items(), old.total(), status)
                        .map(o -> project(o, f.selections()))
                        .orElseThrow(() -> new IllegalArgumentException("order " + id + " not found"));
            }
        }
    }

    private static JsonNode project(Order order, List<GraphqlDocument.Field> selections) {
        ObjectNode all = Reply.JSON.valueToTree(order);
        ObjectNode out = Reply.JSON.createObjectNode();
        for (GraphqlDocument.Field f : selections) {
            if (f.name().equals("__typename")) {
                out.put(f.key(), "Order");
            } else if (f.name().equals("items") && !f.selections().isEmpty() && all.path("items").isArray()) {
                ArrayNode items = Reply.JSON.createArrayNode();
                for (JsonNode item : all.get("items")) {
                    ObjectNode picked = Reply.JSON.createObjectNode();
                    f.selections().forEach(s -> picked.set(s.key(), item.path(s.name()).isMissingNode() ? Reply.JSON.nullNode() : item.get(s.name())));
                    items.add(picked);
                }
                out.set(f.key(), items);
            } else {
                out.set(f.key(), all.path(f.name()).isMissingNode() ? Reply.JSON.nullNode() : all.get(f.name()));
            }
        }
        return out;
    }

    private static ObjectNode error(String message, GraphqlDocument.Field at) {
        ObjectNode e = Reply.JSON.createObjectNode().put("message", message);
        if (at != null) {
            e.set("locations", Reply.JSON.createArrayNode().add(Reply.JSON.createObjectNode().put("line", at.line()).put("column", at.column())));
        }
        return e;
    }
}
