package dev.itf.runner.data;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;

/**
 * The run's connections to one database: reused between steps, at most {@link #IDLE} kept idle, every one closed
 * when the run ends (also those a step still holds).
 */
final class ConnectionPool implements AutoCloseable {

    static final int IDLE = 4;

    private final JdbcTarget target;
    private final Deque<Connection> idle = new ArrayDeque<>();
    private final Set<Connection> all = new HashSet<>();
    private boolean closed;

    ConnectionPool(JdbcTarget target) {
        this.target = target;
    }

    Connection borrow() throws SQLException {
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("the run's database connections are closed");
            }
            while (!idle.isEmpty()) {
                Connection c = idle.pop();
                if (!c.isClosed()) {
                    return c;
                }
                all.remove(c);
            }
        }
        Connection created = target.connect();
        created.setAutoCommit(true);
        synchronized (this) {
            if (closed) {
                created.close();
                throw new IllegalStateException("the run's database connections are closed");
            }
            all.add(created);
        }
        return created;
    }

    /** Returns a connection; a broken one (the statement failed on the connection) is closed instead. */
    void release(Connection c, boolean broken) {
        synchronized (this) {
            if (!closed && !broken && idle.size() < IDLE) {
                idle.push(c);
                return;
            }
            all.remove(c);
        }
        quietlyClose(c);
    }

    synchronized int size() {
        return all.size();
    }

    @Override
    public void close() {
        Set<Connection> toClose;
        synchronized (this) {
            closed = true;
            toClose = new HashSet<>(all);
            all.clear();
            idle.clear();
        }
        toClose.forEach(ConnectionPool::quietlyClose);
    }

    private static void quietlyClose(Connection c) {
        try {
            c.close();
        } catch (SQLException ignored) {
            // the server side is gone already
        }
    }
}
