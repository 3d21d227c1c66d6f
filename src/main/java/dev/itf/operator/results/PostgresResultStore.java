package dev.itf.operator.results;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.itf.results.CaseResult;
import dev.itf.results.LoadShards;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.postgresql.ds.PGSimpleDataSource;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Results and the run history in PostgreSQL tables of one schema, which the store creates and migrates with Flyway
 * ({@link StoreMigrations}) the first time it is used, not at start-up: a database that is down when the operator
 * starts delays results, it does not stop the operator. Writes commit before returning; a batch is one transaction.
 */
public final class PostgresResultStore implements ResultStore {
    /** A schema name used unquoted in statements: no quoting rules to get wrong. */
    public static final Pattern SCHEMA = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
    private static final int IDLE_CONNECTIONS = 4;
    /** Six parameters a row, well under PostgreSQL's limit of 65535 parameters a statement. */
    private static final int ROWS_PER_INSERT = 1000;

    private final String url;
    private final PGSimpleDataSource dataSource;
    private final String schema;
    private final ObjectMapper json;
    private final Deque<Connection> idle = new ConcurrentLinkedDeque<>();
    private volatile boolean migrated;

    /**
     * @param url      a JDBC URL, jdbc:postgresql://HOST:PORT/DATABASE
     * @param username may be null (the URL or the server's trust rules decide)
     * @param password may be null
     */
    public PostgresResultStore(String url, String username, String password, String schema, ObjectMapper json) {
        if (!SCHEMA.matcher(schema).matches()) {
            throw new IllegalArgumentException("schema \"" + schema + "\" must be lower-case letters, digits and _, starting with a letter or _");
        }
        this.url = url;
        this.schema = schema;
        this.json = json;
        // the driver's own DataSource, not DriverManager: DriverManager only finds drivers its caller's class loader
        // sees, which under Quarkus' class loaders is not a given
        this.dataSource = new PGSimpleDataSource();
        dataSource.setURL(url);
        if (username != null && !username.isEmpty()) {
            dataSource.setUser(username);
        }
        if (password != null && !password.isEmpty()) {
            dataSource.setPassword(password);
        }
        // every wait has a deadline: a database that does not answer is a store that is down
        dataSource.setConnectTimeout(5);
        dataSource.setSocketTimeout(30);
        dataSource.setLoginTimeout(10);
        dataSource.setApplicationName("itf-operator");
    }

    @Override
    public void putAll(RunKey run, List<CaseResult> results) throws IOException {
        if (results.isEmpty()) {
            return;
        }
        for (CaseResult r : results) {
            if (r.caseId == null || r.caseId.isBlank() || r.attempt < 1) {
                throw new IllegalArgumentException("a result needs a caseId and an attempt of at least 1");
            }
        }
        inTransaction(c -> {
            // one statement of many rows per chunk: one round trip, and no JDBC batch (whose error handling asserts
            // instead of throwing when the connection breaks under it)
            for (int from = 0; from < results.size(); from += ROWS_PER_INSERT) {
                List<CaseResult> chunk = results.subList(from, Math.min(results.size(), from + ROWS_PER_INSERT));
                StringBuilder sql = new StringBuilder("insert into " + schema + ".case_results"
                        + " (run_uid, namespace, run_name, case_id, attempt, share, result) values ");
                for (int i = 0; i < chunk.size(); i++) {
                    sql.append(i == 0 ? "" : ", ").append("(?, ?, ?, ?, ?, ?, ?::jsonb)");
                }
                try (PreparedStatement st = c.prepareStatement(sql.append(" on conflict do nothing").toString())) {
                    int p = 1;
                    for (CaseResult r : chunk) {
                        st.setString(p++, run.uid());
                        st.setString(p++, run.namespace());
                        st.setString(p++, run.name());
                        st.setString(p++, r.caseId);
                        st.setInt(p++, r.attempt);
                        st.setInt(p++, LoadShards.isShare(r) ? r.shard : -1);
                        st.setString(p++, json.writeValueAsString(r));
                    }
                    st.executeUpdate();
                }
            }
            return null;
        });
    }

    @Override
    public List<CaseResult> list(RunKey run, Consumer<String> unreadable) throws IOException {
        return inTransaction(c -> {
            Map<String, CaseResult> out = new LinkedHashMap<>();
            try (PreparedStatement st = c.prepareStatement("select case_id, attempt, result::text from " + schema
                    + ".case_results where run_uid = ? and namespace = ? and run_name = ? order by case_id, attempt")) {
                st.setString(1, run.uid());
                st.setString(2, run.namespace());
                st.setString(3, run.name());
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        String where = "stored result " + rs.getString(1) + "@" + rs.getInt(2);
                        try {
                            CaseResult r = json.readValue(rs.getString(3), CaseResult.class);
                            String problem = CaseResultBody.problem(r);
                            if (problem != null) {
                                unreadable.accept(where + " skipped: " + problem);
                                continue;
                            }
                            out.putIfAbsent(LoadShards.identity(r), r);
                        } catch (IOException | RuntimeException e) {
                            unreadable.accept(where + " skipped, it cannot be read: " + CaseResultBody.firstLine(e.getMessage()));
                        }
                    }
                }
            }
            // the database orders by its collation; the other stores and the reports order by Java's string order
            List<CaseResult> sorted = new ArrayList<>(out.values());
            sorted.sort(java.util.Comparator.comparing((CaseResult r) -> r.caseId).thenComparingInt(r -> r.attempt));
            return sorted;
        });
    }

    @Override
    public void delete(RunKey run) throws IOException {
        inTransaction(c -> {
            try (PreparedStatement st = c.prepareStatement("delete from " + schema + ".case_results where run_uid = ?")) {
                st.setString(1, run.uid());
                st.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public List<RunKey> runs() throws IOException {
        return inTransaction(c -> {
            List<RunKey> out = new ArrayList<>();
            try (PreparedStatement st = c.prepareStatement("select distinct namespace, run_name, run_uid from " + schema + ".case_results");
                 ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(new RunKey(rs.getString(1), rs.getString(2), rs.getString(3)));
                }
            }
            return out;
        });
    }

    @Override
    public void recordFinished(FinishedRun run) throws IOException {
        inTransaction(c -> {
            try (PreparedStatement st = c.prepareStatement("insert into " + schema + ".finished_runs (run_uid, namespace, run_name,"
                    + " suite, phase, finished_at, total, passed, failed, errored, skipped, flaky, duration_ms)"
                    + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing")) {
                st.setString(1, run.uid());
                st.setString(2, run.namespace());
                st.setString(3, run.name());
                st.setString(4, run.suite());
                st.setString(5, run.phase());
                st.setTimestamp(6, Timestamp.from(run.finishedAt()));
                st.setInt(7, run.total());
                st.setInt(8, run.passed());
                st.setInt(9, run.failed());
                st.setInt(10, run.errored());
                st.setInt(11, run.skipped());
                st.setInt(12, run.flaky());
                st.setLong(13, run.durationMs());
                st.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public List<FinishedRun> history() throws IOException {
        return inTransaction(c -> {
            List<FinishedRun> out = new ArrayList<>();
            try (PreparedStatement st = c.prepareStatement("select namespace, run_name, run_uid, suite, phase, finished_at,"
                    + " total, passed, failed, errored, skipped, flaky, duration_ms from " + schema
                    + ".finished_runs order by finished_at desc, run_uid");
                 ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(new FinishedRun(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getTimestamp(6).toInstant(), rs.getInt(7), rs.getInt(8), rs.getInt(9),
                            rs.getInt(10), rs.getInt(11), rs.getInt(12), rs.getLong(13)));
                }
            }
            out.sort(FinishedRun.NEWEST_FIRST);
            return out;
        });
    }

    @Override
    public void forget(RunKey run) throws IOException {
        inTransaction(c -> {
            for (String table : List.of("case_results", "finished_runs")) {
                try (PreparedStatement st = c.prepareStatement("delete from " + schema + "." + table + " where run_uid = ?")) {
                    st.setString(1, run.uid());
                    st.executeUpdate();
                }
            }
            return null;
        });
    }

    @Override
    public String describe() {
        return "postgresql " + withoutParameters(url) + " schema " + schema;
    }

    /** The URL without its parameters, which may hold a password. */
    static String withoutParameters(String url) {
        int q = url.indexOf('?');
        return q < 0 ? url : url.substring(0, q);
    }

    private interface Work<T> {
        T run(Connection c) throws SQLException, IOException;
    }

    /**
     * Runs the work in one transaction that commits before this returns; any failure is an IOException. A connection
     * kept from before that turns out broken (the database restarted) is dropped and the work tried once more on a
     * new one.
     */
    private <T> T inTransaction(Work<T> work) throws IOException {
        migrate();
        Connection kept = idle.pollFirst();
        if (kept != null) {
            try {
                return attempt(kept, work);
            } catch (SQLException e) {
                if (e.getSQLState() == null || !e.getSQLState().startsWith("08")) {
                    throw unavailable(e);
                }
            }
        }
        try {
            return attempt(dataSource.getConnection(), work);
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    private <T> T attempt(Connection c, Work<T> work) throws SQLException, IOException {
        boolean healthy = false;
        try {
            c.setAutoCommit(false);
            T out = work.run(c);
            c.commit();
            healthy = true;
            return out;
        } finally {
            giveBack(c, healthy);
        }
    }

    /** Creates and migrates the schema once; until it succeeds every use tries again. */
    private void migrate() throws IOException {
        if (migrated) {
            return;
        }
        synchronized (this) {
            if (migrated) {
                return;
            }
            try {
                Flyway.configure(PostgresResultStore.class.getClassLoader())
                        .dataSource(dataSource)
                        .schemas(schema)
                        .defaultSchema(schema)
                        .createSchemas(true)
                        .locations("classpath:" + StoreMigrations.DIRECTORY)
                        .resourceProvider(new StoreMigrations())
                        .javaMigrationClassProvider(java.util.List::of)
                        .connectRetries(0)
                        .load()
                        .migrate();
            } catch (FlywayException e) {
                throw new IOException(describe() + " cannot be migrated: " + CaseResultBody.firstLine(rootMessage(e)), e);
            }
            migrated = true;
        }
    }

    private void giveBack(Connection c, boolean healthy) {
        if (healthy && idle.size() < IDLE_CONNECTIONS) {
            idle.addFirst(c);
            return;
        }
        try {
            if (!healthy && !c.getAutoCommit()) {
                c.rollback();
            }
        } catch (SQLException ignored) {
            // the connection is being dropped anyway
        }
        try {
            c.close();
        } catch (SQLException ignored) {
            // already broken
        }
    }

    private IOException unavailable(SQLException e) {
        if ("42P01".equals(e.getSQLState()) || "3F000".equals(e.getSQLState())) {
            // the store's schema or a table of it is gone (dropped, or the database restored from before the store
            // existed): the next use migrates again
            migrated = false;
        }
        // a connection that failed is closed, not reused: the idle ones may have broken the same way
        Connection c;
        while ((c = idle.pollFirst()) != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // already broken
            }
        }
        return new IOException(describe() + ": " + CaseResultBody.firstLine(rootMessage(e)), e);
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = e.getMessage() == null ? t.toString() : e.getMessage();
        return m;
    }
}
