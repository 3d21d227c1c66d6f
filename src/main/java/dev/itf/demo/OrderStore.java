package dev.itf.demo;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/** The demo target's orders, in memory. Listeners hear about every order created (to publish an event, say). */
public final class OrderStore {

    public static final Set<String> STATUSES = Set.of("NEW", "CONFIRMED", "PAID", "SHIPPED", "DELIVERED", "CANCELLED");

    private final Map<String, Order> orders = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong(1000);
    private final List<Consumer<Order>> createdListeners = new CopyOnWriteArrayList<>();
    private final Clock clock;

    public OrderStore(Clock clock) {
        this.clock = clock;
    }

    /** Called with each new order after it is stored, on the request's thread. */
    public void onCreated(Consumer<Order> listener) {
        createdListeners.add(listener);
    }

    public Order create(String customer, JsonNode items, Double total) {
        String now = clock.instant().toString();
        Order order = new Order(Long.toString(ids.incrementAndGet()), customer, items, total, "NEW", now, now);
        orders.put(order.id(), order);
        createdListeners.forEach(l -> l.accept(order));
        return order;
    }

    public Optional<Order> find(String id) {
        return Optional.ofNullable(orders.get(id));
    }

    /** Orders oldest first, optionally of one status, at most limit of them. */
    public List<Order> list(String status, int limit) {
        List<Order> all = new ArrayList<>(orders.values());
        all.sort((a, b) -> Long.compare(Long.parseLong(a.id()), Long.parseLong(b.id())));
        return all.stream().filter(o -> status == null || status.equals(o.status())).limit(limit).toList();
    }

    /** Replaces the order's fields; empty when there is no such order. */
    public Optional<Order> update(String id, String customer, JsonNode items, Double total, String status) {
        return Optional.ofNullable(orders.computeIfPresent(id, (k, o) -> o.with(customer, items, total, status, clock.instant().toString())));
    }

    public boolean delete(String id) {
        return orders.remove(id) != null;
    }
}
