package dev.itf.runner.data;

import dev.itf.json.Json;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.itf.api.SqlAction;
import dev.itf.runner.ClientTimeout;
import dev.itf.runner.Endpoint;
import dev.itf.runner.StepAction;
import dev.itf.runner.StepContext;
import dev.itf.runner.StepResponse;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * The {@code sql} step: one statement with positional {@code ?} parameters bound as parameters. A query's rows
 * become a JSON array of objects keyed by column label; any other statement gives {@code {"updated": N}}.
 */
public final class SqlStep implements StepAction {

    private static final ObjectMapper MAPPER = Json.MAPPER;

    private final SqlAction action;

    public SqlStep(SqlAction action) {
        this.action = action;
    }

    @Override
    public StepResponse execute(StepContext ctx) throws Exception {
        Endpoint endpoint = Endpoint.resolve(ctx, "sql", action.component, action.uri, JdbcTarget.SCHEMES);
        JdbcTarget target = JdbcTarget.of(endpoint, ctx.timeout());
        String query = ctx.render(action.query);
        List<String> params = action.params.stream().map(ctx::render).toList();
        ConnectionPool pool = ctx.resources().shared("sql " + endpoint.uri(), () -> new ConnectionPool(target));
        return Polling.run(ctx, action.within, () -> once(ctx, endpoint, target, pool, query, params));
    }

    private static StepResponse once(StepContext ctx, Endpoint endpoint, JdbcTarget target, ConnectionPool pool,
                                     String query, List<String> params) {
        long start = System.nanoTime();
        Connection connection;
        try {
            connection = pool.borrow();
        } catch (SQLException e) {
            throw new IllegalStateException(endpoint.failure("cannot connect to " + target.product(), e, ctx.redactor()), e);
        }
        boolean broken = false;
        try (PreparedStatement statement = connection.prepareStatement(query)) {
            statement.setQueryTimeout(ClientTimeout.of(ctx.timeout()).seconds());
            for (int i = 0; i < params.size(); i++) {
                statement.setString(i + 1, params.get(i));
            }
            JsonNode json;
            if (statement.execute()) {
                try (ResultSet rows = statement.getResultSet()) {
                    json = rows(rows);
                }
            } else {
                json = JsonNodeFactory.instance.objectNode().put("updated", statement.getUpdateCount());
            }
            return StepResponse.ofJson(json, Duration.ofNanos(System.nanoTime() - start));
        } catch (SQLException e) {
            // SQL state class 08 is a lost connection: do not hand it to the next step
            broken = e.getSQLState() != null && e.getSQLState().startsWith("08");
            throw new IllegalStateException(endpoint.failure(target.product(), e, ctx.redactor()) + " (query: " + query + ")", e);
        } finally {
            pool.release(connection, broken);
        }
    }

    private static ArrayNode rows(ResultSet rs) throws SQLException {
        ResultSetMetaData meta = rs.getMetaData();
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        while (rs.next()) {
            ObjectNode row = out.addObject();
            for (int c = 1; c <= meta.getColumnCount(); c++) {
                row.set(meta.getColumnLabel(c), value(rs, c, meta.getColumnTypeName(c)));
            }
        }
        return out;
    }

    private static JsonNode value(ResultSet rs, int column, String typeName) throws SQLException {
        Object v = rs.getObject(column);
        JsonNodeFactory f = JsonNodeFactory.instance;
        if (v == null) {
            return f.nullNode();
        }
        if (v instanceof Boolean b) {
            return f.booleanNode(b);
        }
        if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
            return f.numberNode(((Number) v).longValue());
        }
        if (v instanceof BigInteger big) {
            return f.numberNode(big);
        }
        if (v instanceof BigDecimal dec) {
            return f.numberNode(dec);
        }
        if (v instanceof Double || v instanceof Float) {
            return f.numberNode(((Number) v).doubleValue());
        }
        String text = rs.getString(column);
        if (typeName != null && typeName.toLowerCase(Locale.ROOT).startsWith("json")) {
            try {
                return MAPPER.readTree(text);
            } catch (JsonProcessingException notJson) {
                return f.textNode(text);
            }
        }
        return f.textNode(text);
    }
}
