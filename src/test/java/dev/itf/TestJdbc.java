package dev.itf;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.util.Properties;
import java.util.ServiceLoader;

/**
 * Connections for tests' own setup and checks, from the driver of the tests' class loader. Not DriverManager: once a
 * Quarkus test in the same JVM has registered a driver from another class loader, DriverManager refuses it here with
 * "No suitable driver", so a test's outcome would depend on which tests ran before it.
 */
public final class TestJdbc {

    private TestJdbc() {
    }

    public static Connection connect(String url, String user) throws SQLException {
        Properties props = new Properties();
        if (user != null) {
            props.setProperty("user", user);
        }
        for (Driver driver : ServiceLoader.load(Driver.class, TestJdbc.class.getClassLoader())) {
            if (driver.acceptsURL(url)) {
                Connection c = driver.connect(url, props);
                if (c != null) {
                    return c;
                }
            }
        }
        throw new SQLException("no JDBC driver on the test class path accepts " + url);
    }
}
