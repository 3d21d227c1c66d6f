package dev.itf.runner.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.itf.api.RedisAction;
import dev.itf.runner.ClientTimeout;
import dev.itf.runner.Endpoint;
import dev.itf.runner.StepAction;
import dev.itf.runner.StepContext;
import dev.itf.runner.StepResponse;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.commands.ProtocolCommand;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.util.SafeEncoder;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code redis} step: any command, sent as it is written. The reply becomes JSON: a bulk or status string a
 * string, an integer a number, an array an array, nil null. An error reply errors the step with its message.
 */
public final class RedisStep implements StepAction {

    static final List<String> SCHEMES = List.of("redis", "rediss");

    private final RedisAction action;

    public RedisStep(RedisAction action) {
        this.action = action;
    }

    @Override
    public StepResponse execute(StepContext ctx) throws Exception {
        if (action.command == null || action.command.isEmpty()) {
            throw new IllegalArgumentException("redis.command: give the command and its arguments, e.g. [GET, \"order:42\"]");
        }
        Endpoint endpoint = Endpoint.resolve(ctx, "redis", action.component, action.uri, SCHEMES);
        List<String> command = action.command.stream().map(ctx::render).toList();
        Duration timeout = ctx.timeout();
        JedisPooled redis = ctx.resources().shared("redis " + endpoint.uri(), () -> connect(endpoint, timeout));
        ProtocolCommand name = () -> SafeEncoder.encode(command.get(0).toUpperCase(Locale.ROOT));
        String[] args = command.subList(1, command.size()).toArray(String[]::new);
        return Polling.run(ctx, action.within, () -> {
            long start = System.nanoTime();
            Object reply;
            try {
                reply = redis.sendCommand(name, args);
            } catch (JedisDataException e) {
                throw new IllegalStateException(ctx.redactor().redact("Redis at " + endpoint.address() + " replied to "
                        + command.get(0) + " with an error: " + e.getMessage()), e);
            } catch (JedisConnectionException e) {
                throw new IllegalStateException(endpoint.failure("cannot connect to Redis", e, ctx.redactor()), e);
            }
            JsonNode json = json(reply);
            String body = json.isTextual() ? json.asText() : json.toString();
            return new StepResponse(null, Map.of(), body, json, Duration.ofNanos(System.nanoTime() - start));
        });
    }

    /** A pooled client for the endpoint, with the timeout for connecting and for each reply; the caller closes it. */
    public static JedisPooled connect(Endpoint endpoint, Duration timeout) {
        int ms = ClientTimeout.of(timeout).millis();
        DefaultJedisClientConfig.Builder config = DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis(ms).socketTimeoutMillis(ms).clientName("itf")
                .ssl(endpoint.scheme().equals("rediss"));
        if (endpoint.user() != null) {
            config.user(endpoint.user());
        }
        if (endpoint.password() != null) {
            config.password(endpoint.password());
        }
        if (!endpoint.path().isBlank()) {
            config.database(Integer.parseInt(endpoint.path()));
        }
        return new JedisPooled(new HostAndPort(endpoint.host(), endpoint.port()), config.build());
    }

    static JsonNode json(Object reply) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        if (reply == null) {
            return f.nullNode();
        }
        if (reply instanceof byte[] bytes) {
            return f.textNode(new String(bytes, StandardCharsets.UTF_8));
        }
        if (reply instanceof Long l) {
            return f.numberNode(l);
        }
        if (reply instanceof Double d) {
            return f.numberNode(d);
        }
        if (reply instanceof Boolean b) {
            return f.booleanNode(b);
        }
        if (reply instanceof List<?> list) {
            ArrayNode array = f.arrayNode();
            list.forEach(e -> array.add(json(e)));
            return array;
        }
        if (reply instanceof Map<?, ?> map) {
            ObjectNode object = f.objectNode();
            map.forEach((k, v) -> object.set(json(k).asText(), json(v)));
            return object;
        }
        if (reply instanceof JedisDataException error) {
            return f.textNode("error: " + error.getMessage());
        }
        return f.textNode(reply.toString());
    }
}
