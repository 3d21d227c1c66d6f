package dev.itf.runner.data;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;

/** Open PostgreSQL sessions of one application name, to show that a run leaves none behind. */
public final class SqlSessions {

    private SqlSessions() {
    }

    public static int count(String applicationName) throws Exception {
        try (Connection c = dev.itf.TestJdbc.connect("jdbc:postgresql://127.0.0.1:5432/test?user=postgres", null);
             PreparedStatement s = c.prepareStatement("select count(*) from pg_stat_activity where application_name = ?")) {
            s.setString(1, applicationName);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}
