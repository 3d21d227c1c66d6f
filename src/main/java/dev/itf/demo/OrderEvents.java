package dev.itf.demo;

import dev.itf.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.itf.runner.Endpoint;
import dev.itf.runner.data.JdbcTarget;
import dev.itf.runner.data.RedisStep;
import dev.itf.runner.events.Broker;
import dev.itf.runner.events.Brokers;
import dev.itf.runner.events.OutgoingMessage;
import dev.itf.runner.events.ReceivedMessage;
import dev.itf.runner.events.Subscription;
import redis.clients.jedis.JedisPooled;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The demo target's optional event flow, a producer and a consumer in one process: creating an order publishes
 * {@code order.created}; the consumer receives it, records the order as CONFIRMED in the {@code demo_orders}
 * table and the Redis key {@code order:<id>}, marks it CONFIRMED in the store and publishes {@code order.confirmed}.
 * On RabbitMQ the events go through the {@code amq.topic} exchange with those routing keys; on Kafka they are
 * topics of those names.
 */
public final class OrderEvents implements AutoCloseable {

    public static final String CREATED = "order.created";
    public static final String CONFIRMED = "order.confirmed";
    public static final String TABLE = "demo_orders";
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private static final ObjectMapper JSON = Json.MAPPER;

    private final OrderStore store;
    private final Broker broker;
    private final String prefix;
    private final Connection db;
    private final JedisPooled redis;
    private final Subscription created;
    private final Thread consumer;
    private volatile boolean running = true;

    /**
     * @param brokerUri an amqp:// or kafka:// URI
     * @param dbUri     a postgresql://, mysql:// or mariadb:// URI, or null to keep no table
     * @param redisUri  a redis:// URI, or null to keep no keys
     */
    public OrderEvents(OrderStore store, String brokerUri, String dbUri, String redisUri) throws Exception {
        this.store = store;
        Endpoint brokerEndpoint = Endpoint.parse(brokerUri);
        if (!List.of("amqp", "amqps", "kafka").contains(brokerEndpoint.scheme())) {
            throw new IllegalArgumentException("the demo target publishes order events to RabbitMQ (amqp://) or Kafka (kafka://), not "
                    + brokerEndpoint.scheme() + "://");
        }
        this.prefix = brokerEndpoint.scheme().startsWith("amqp") ? "amq.topic/" : "";
        this.db = dbUri == null ? null : openDatabase(dbUri);
        this.redis = redisUri == null ? null : RedisStep.connect(Endpoint.parse(redisUri), CONNECT_TIMEOUT);
        this.broker = Brokers.connect(brokerEndpoint, CONNECT_TIMEOUT);
        this.created = broker.subscribe(prefix + CREATED, CONNECT_TIMEOUT);
        this.consumer = new Thread(this::consume, "demo-order-events");
        consumer.setDaemon(true);
        consumer.start();
        store.onCreated(this::publishCreated);
    }

    private static Connection openDatabase(String uri) throws SQLException {
        JdbcTarget target = JdbcTarget.of(Endpoint.parse(uri), CONNECT_TIMEOUT);
        Connection c = target.connect();
        try (Statement s = c.createStatement()) {
            s.execute("create table if not exists " + TABLE + " (id varchar(40) primary key, customer varchar(200), status varchar(20))");
        }
        return c;
    }

    private void publishCreated(Order order) {
        // ids restart with every start of the demo target: what an earlier start recorded under this id is stale
        forget(order.id());
        publish(CREATED, order.id(), event(order, "NEW"));
    }

    private void consume() {
        int seen = 0;
        while (running) {
            try {
                created.awaitMore(seen, Duration.ofSeconds(1));
            } catch (InterruptedException e) {
                return;
            }
            List<ReceivedMessage> all = created.messages();
            for (ReceivedMessage m : all.subList(seen, all.size())) {
                confirm(m);
            }
            seen = all.size();
        }
    }

    private void confirm(ReceivedMessage message) {
        JsonNode event = message.json();
        if (event == null || !event.hasNonNull("id")) {
            System.err.println("demo target: ignored an " + CREATED + " event without an id: " + message.body());
            return;
        }
        String id = event.get("id").asText();
        String customer = event.path("customer").asText(null);
        try {
            record(id, customer);
            Order confirmed = store.find(id).flatMap(o -> store.update(id, o.customer(), o.items(), o.total(), "CONFIRMED")).orElse(null);
            ObjectNode out = confirmed != null ? event(confirmed, "CONFIRMED") : JSON.createObjectNode().put("id", id).put("status", "CONFIRMED");
            publish(CONFIRMED, id, out);
        } catch (SQLException | RuntimeException e) {
            System.err.println("demo target: could not confirm order " + id + ": " + e.getMessage());
        }
    }

    private synchronized void record(String id, String customer) throws SQLException {
        if (db != null) {
            try (PreparedStatement update = db.prepareStatement("update " + TABLE + " set customer = ?, status = 'CONFIRMED' where id = ?")) {
                update.setString(1, customer);
                update.setString(2, id);
                if (update.executeUpdate() == 0) {
                    try (PreparedStatement insert = db.prepareStatement("insert into " + TABLE + " (id, customer, status) values (?, ?, 'CONFIRMED')")) {
                        insert.setString(1, id);
                        insert.setString(2, customer);
                        insert.executeUpdate();
                    }
                }
            }
        }
        if (redis != null) {
            redis.set("order:" + id, "CONFIRMED");
        }
    }

    private synchronized void forget(String id) {
        try {
            if (db != null) {
                try (PreparedStatement delete = db.prepareStatement("delete from " + TABLE + " where id = ?")) {
                    delete.setString(1, id);
                    delete.executeUpdate();
                }
            }
            if (redis != null) {
                redis.del("order:" + id);
            }
        } catch (SQLException | RuntimeException e) {
            System.err.println("demo target: could not clear old records of order " + id + ": " + e.getMessage());
        }
    }

    private static ObjectNode event(Order order, String status) {
        ObjectNode e = JSON.createObjectNode().put("id", order.id()).put("customer", order.customer()).put("status", status);
        if (order.total() != null) {
            e.put("total", order.total());
        }
        return e;
    }

    private void publish(String type, String id, ObjectNode body) {
        try {
            broker.publish(new OutgoingMessage(prefix + type, id, Map.of("x-event-type", type, "x-order-id", id),
                    body.toString().getBytes(StandardCharsets.UTF_8), true, null), CONNECT_TIMEOUT);
        } catch (Exception e) {
            System.err.println("demo target: could not publish " + type + " for order " + id + ": " + e.getMessage());
        }
    }

    @Override
    public void close() {
        running = false;
        consumer.interrupt();
        created.close();
        broker.close();
        if (redis != null) {
            redis.close();
        }
        if (db != null) {
            try {
                db.close();
            } catch (SQLException ignored) {
                // closing at shutdown: nothing left to do
            }
        }
    }
}
