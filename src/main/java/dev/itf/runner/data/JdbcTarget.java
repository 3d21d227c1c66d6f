package dev.itf.runner.data;

import dev.itf.runner.ClientTimeout;
import dev.itf.runner.Endpoint;

import java.time.Duration;
import java.util.List;
import java.util.Properties;

/**
 * A database URI turned into what JDBC needs: {@code postgresql://u:p@h:5432/db} becomes
 * {@code jdbc:postgresql://h:5432/db} with user, password and connect timeouts as properties.
 */
public record JdbcTarget(String url, Properties properties, String product) {

    public static final List<String> SCHEMES = List.of("postgresql", "postgres", "mysql", "mariadb");

    public static JdbcTarget of(Endpoint endpoint, Duration connectTimeout) {
        Properties p = new Properties();
        if (endpoint.user() != null) {
            p.setProperty("user", endpoint.user());
        }
        if (endpoint.password() != null) {
            p.setProperty("password", endpoint.password());
        }
        ClientTimeout timeout = ClientTimeout.of(connectTimeout).atLeast(Duration.ofSeconds(1));
        String query = endpoint.query().isEmpty() ? "" : "?" + endpoint.query();
        String hostsAndDb = endpoint.address() + "/" + endpoint.path() + query;
        return switch (endpoint.scheme()) {
            case "postgresql", "postgres" -> {
                // PostgreSQL takes seconds, MySQL and MariaDB milliseconds
                p.setProperty("connectTimeout", Integer.toString(timeout.seconds()));
                p.setProperty("loginTimeout", Integer.toString(timeout.seconds()));
                if (!endpoint.query().contains("ApplicationName=")) {
                    p.setProperty("ApplicationName", "itf");
                }
                // params arrive as text: let the server infer their type, so "where id = ?" works on a number column
                if (!endpoint.query().contains("stringtype=")) {
                    p.setProperty("stringtype", "unspecified");
                }
                yield new JdbcTarget("jdbc:postgresql://" + hostsAndDb, p, "PostgreSQL");
            }
            case "mysql" -> {
                p.setProperty("connectTimeout", Integer.toString(timeout.millis()));
                yield new JdbcTarget("jdbc:mysql://" + hostsAndDb, p, "MySQL");
            }
            default -> {
                p.setProperty("connectTimeout", Integer.toString(timeout.millis()));
                yield new JdbcTarget("jdbc:mariadb://" + hostsAndDb, p, "MariaDB");
            }
        };
    }

    /**
     * Opens a connection with the driver that accepts the URL, found among the drivers of this class's own class
     * loader. Not through DriverManager: it only hands out drivers its caller's class loader can see, and the first
     * class loader to load a driver (an application's, in a test JVM that starts several) wins its registration.
     */
    public java.sql.Connection connect() throws java.sql.SQLException {
        for (java.sql.Driver driver : java.util.ServiceLoader.load(java.sql.Driver.class, JdbcTarget.class.getClassLoader())) {
            if (driver.acceptsURL(url)) {
                java.sql.Connection c = driver.connect(url, properties);
                if (c != null) {
                    return c;
                }
            }
        }
        throw new java.sql.SQLException("no " + product + " JDBC driver on the class path accepts " + url, "08001");
    }
}
