package dev.itf.operator.run;

import dev.itf.api.Component;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;

import java.util.ArrayList;
import java.util.List;

/** The preset engines: image, port, how the container is configured, how readiness is checked, the URI scheme. */
public enum Preset {
    POSTGRES("postgres", "postgres", "16", 5432, "postgresql", true, "/docker-entrypoint-initdb.d"),
    MYSQL("mysql", "mysql", "8.0", 3306, "mysql", true, "/docker-entrypoint-initdb.d"),
    MARIADB("mariadb", "mariadb", "11", 3306, "mariadb", true, "/docker-entrypoint-initdb.d"),
    RABBITMQ("rabbitmq", "rabbitmq", "3-management", 5672, "amqp", true, null),
    KAFKA("kafka", "apache/kafka", "3.8.0", 9092, "kafka", false, null),
    NATS("nats", "nats", "2", 4222, "nats", false, null),
    MQTT("mqtt", "eclipse-mosquitto", "2", 1883, "mqtt", false, null),
    REDIS("redis", "redis", "7", 6379, "redis", false, null);

    public static final String USERNAME = "itf";
    public static final String DEFAULT_DATABASE = "test";
    /** Mosquitto 2 accepts only local clients unless a listener is configured. */
    public static final String MOSQUITTO_CONFIG = "listener 1883\nallow_anonymous true\n";

    public final String engine;
    public final String repository;
    public final String defaultVersion;
    public final int port;
    public final String scheme;
    public final boolean credentials;
    /** Where the engine runs *.sql files on first start; null when it has no such directory. */
    public final String initDir;

    Preset(String engine, String repository, String defaultVersion, int port, String scheme, boolean credentials, String initDir) {
        this.engine = engine;
        this.repository = repository;
        this.defaultVersion = defaultVersion;
        this.port = port;
        this.scheme = scheme;
        this.credentials = credentials;
        this.initDir = initDir;
    }

    public static Preset of(String engine) {
        for (Preset p : values()) {
            if (p.engine.equals(engine)) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown engine " + engine + ": use postgres, mysql, mariadb, rabbitmq, kafka, nats, mqtt or redis");
    }

    public boolean isDatabase() {
        return this == POSTGRES || this == MYSQL || this == MARIADB;
    }

    public String image(Component c) {
        if (c.image != null) {
            return c.image;
        }
        return repository + ":" + (c.version != null ? c.version : defaultVersion);
    }

    public String database(Component c) {
        return c.database != null ? c.database : DEFAULT_DATABASE;
    }

    public List<String> args() {
        return this == NATS ? List.of("-js") : List.of();
    }

    /** The container's environment; passwords come from the component's credentials Secret. */
    public List<EnvVar> env(Component c) {
        String secret = RunNames.credentialsSecret(c.name);
        List<EnvVar> env = new ArrayList<>();
        switch (this) {
            case POSTGRES -> {
                env.add(plain("POSTGRES_USER", USERNAME));
                env.add(fromSecret("POSTGRES_PASSWORD", secret, "password"));
                env.add(plain("POSTGRES_DB", database(c)));
            }
            case MYSQL -> {
                env.add(plain("MYSQL_USER", USERNAME));
                env.add(fromSecret("MYSQL_PASSWORD", secret, "password"));
                env.add(fromSecret("MYSQL_ROOT_PASSWORD", secret, "password"));
                env.add(plain("MYSQL_DATABASE", database(c)));
            }
            case MARIADB -> {
                env.add(plain("MARIADB_USER", USERNAME));
                env.add(fromSecret("MARIADB_PASSWORD", secret, "password"));
                env.add(fromSecret("MARIADB_ROOT_PASSWORD", secret, "password"));
                env.add(plain("MARIADB_DATABASE", database(c)));
            }
            case RABBITMQ -> {
                env.add(plain("RABBITMQ_DEFAULT_USER", USERNAME));
                env.add(fromSecret("RABBITMQ_DEFAULT_PASS", secret, "password"));
            }
            case KAFKA -> {
                // a single KRaft node that is its own controller, advertised under the component's Service name
                env.add(plain("KAFKA_NODE_ID", "1"));
                env.add(plain("KAFKA_PROCESS_ROLES", "broker,controller"));
                env.add(plain("KAFKA_LISTENERS", "PLAINTEXT://:9092,CONTROLLER://:9093"));
                env.add(plain("KAFKA_ADVERTISED_LISTENERS", "PLAINTEXT://" + c.name + ":9092"));
                env.add(plain("KAFKA_CONTROLLER_LISTENER_NAMES", "CONTROLLER"));
                env.add(plain("KAFKA_LISTENER_SECURITY_PROTOCOL_MAP", "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT"));
                env.add(plain("KAFKA_CONTROLLER_QUORUM_VOTERS", "1@localhost:9093"));
                env.add(plain("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR", "1"));
                env.add(plain("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR", "1"));
                env.add(plain("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR", "1"));
                env.add(plain("KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS", "0"));
            }
            default -> {
            }
        }
        return env;
    }

    /** Readiness: a client command where the engine has one that proves it accepts queries, else a TCP check. */
    public Probe readiness() {
        ProbeBuilder probe = new ProbeBuilder().withPeriodSeconds(2).withFailureThreshold(3).withTimeoutSeconds(5);
        return switch (this) {
            case POSTGRES -> probe.withNewExec().withCommand("sh", "-c",
                    "pg_isready -h 127.0.0.1 -U \"$POSTGRES_USER\" -d \"$POSTGRES_DB\"").endExec().build();
            case MYSQL -> probe.withNewExec().withCommand("sh", "-c",
                    "mysqladmin ping -h 127.0.0.1 -u \"$MYSQL_USER\" -p\"$MYSQL_PASSWORD\" --silent").endExec().build();
            case MARIADB -> probe.withNewExec().withCommand("sh", "-c",
                    "mariadb-admin ping -h 127.0.0.1 -u \"$MARIADB_USER\" -p\"$MARIADB_PASSWORD\" --silent").endExec().build();
            case REDIS -> probe.withNewExec().withCommand("redis-cli", "ping").endExec().build();
            default -> probe.withNewTcpSocket().withNewPort(port).endTcpSocket().build();
        };
    }

    private static EnvVar plain(String name, String value) {
        return new EnvVarBuilder().withName(name).withValue(value).build();
    }

    private static EnvVar fromSecret(String name, String secret, String key) {
        return new EnvVarBuilder().withName(name).withNewValueFrom().withNewSecretKeyRef(key, secret, false).endValueFrom().build();
    }
}
