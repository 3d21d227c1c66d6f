package dev.itf.cli;

import dev.itf.demo.DemoOptions;
import dev.itf.demo.DemoTarget;
import dev.itf.demo.OrderEvents;
import dev.itf.runner.Endpoint;
import dev.itf.runner.Redactor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

@Command(name = "demo-target", mixinStandardHelpOptions = true,
        description = "Start the built-in demo service (orders REST and GraphQL, secured endpoints, slow and failing endpoints).")
public class DemoTargetCommand implements Callable<Integer> {

    @Option(names = "--port", defaultValue = "${env:ITF_DEMO_PORT:-8080}", description = "Port to listen on; 0 picks a free one (default ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--basic-user", defaultValue = "${env:ITF_DEMO_BASIC_USER:-demo}", description = "User for /secure/basic and the OAuth2 password grant.")
    String basicUser;

    @Option(names = "--basic-password", defaultValue = "${env:ITF_DEMO_BASIC_PASSWORD:-demo-pass}", description = "Password of that user.")
    String basicPassword;

    @Option(names = "--api-key", defaultValue = "${env:ITF_DEMO_API_KEY:-demo-key}", description = "Key accepted by /secure/apikey.")
    String apiKey;

    @Option(names = "--jwt-secret", defaultValue = "${env:ITF_DEMO_JWT_SECRET:-demo-jwt-secret}", description = "HS256 secret /secure/jwt verifies with.")
    String jwtSecret;

    @Option(names = "--client-id", defaultValue = "${env:ITF_DEMO_CLIENT_ID:-itf}", description = "OAuth2 client id accepted by /oauth/token.")
    String clientId;

    @Option(names = "--client-secret", defaultValue = "${env:ITF_DEMO_CLIENT_SECRET:-itf-secret}", description = "Its client secret.")
    String clientSecret;

    @Option(names = "--token-ttl", defaultValue = "${env:ITF_DEMO_TOKEN_TTL:-3600}", description = "Seconds an OAuth2 access token stays valid (default ${DEFAULT-VALUE}).")
    long tokenTtlSeconds;

    @Option(names = "--amqp-uri", defaultValue = "${env:ITF_DEMO_AMQP_URI}",
            description = "RabbitMQ for the order events (amq.topic, routing keys order.created and order.confirmed); off by default.")
    String amqpUri;

    @Option(names = "--kafka-uri", defaultValue = "${env:ITF_DEMO_KAFKA_URI}",
            description = "Kafka for the order events (topics order.created and order.confirmed), instead of RabbitMQ; off by default.")
    String kafkaUri;

    @Option(names = "--db-uri", defaultValue = "${env:ITF_DEMO_DB_URI}",
            description = "Database where confirmed orders are recorded (table demo_orders): postgresql://, mysql:// or mariadb://.")
    String dbUri;

    @Option(names = "--redis-uri", defaultValue = "${env:ITF_DEMO_REDIS_URI}",
            description = "Redis where confirmed orders are recorded (key order:<id>).")
    String redisUri;

    @Option(names = "--https-port", defaultValue = "${env:ITF_DEMO_HTTPS_PORT:--1}",
            description = "Also serve HTTPS on this port (0 picks a free one), with a certificate from a CA made at start; off by default.")
    int httpsPort;

    @Option(names = "--ca-out", defaultValue = "${env:ITF_DEMO_CA_OUT}",
            description = "With --https-port: write the CA certificate (PEM) to this file, for a suite's tls.ca.")
    Path caOut;

    @Option(names = "--print-ca", description = "With --https-port: print the CA certificate (PEM) after the listening lines.")
    boolean printCa;

    @Override
    public Integer call() throws IOException, InterruptedException {
        DemoTarget target = start(System.out);
        Runtime.getRuntime().addShutdownHook(new Thread(target::close, "demo-target-stop"));
        new CountDownLatch(1).await();
        return ItfCommand.OK;
    }

    /** Starts the demo target and prints where it listens; the caller stops it. */
    public DemoTarget start(PrintStream out) throws IOException {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("--port must be from 0 to 65535, not " + port);
        }
        if (tokenTtlSeconds < 1) {
            throw new IllegalArgumentException("--token-ttl must be at least 1 second, not " + tokenTtlSeconds);
        }
        DemoOptions options = new DemoOptions(port, basicUser, basicPassword, apiKey, jwtSecret, clientId, clientSecret,
                Duration.ofSeconds(tokenTtlSeconds));
        DemoTarget target = new DemoTarget(options);
        String brokerUri = eventBroker();
        if (brokerUri != null) {
            try {
                target.closeWith(new OrderEvents(target.orders(), brokerUri, blankToNull(dbUri), blankToNull(redisUri)));
            } catch (Exception e) {
                target.close();
                throw new IllegalArgumentException("cannot set up the order events: " + new Redactor().redact(String.valueOf(e.getMessage())), e);
            }
            out.println("order events on " + Endpoint.parse(brokerUri).address()
                    + (blankToNull(dbUri) == null ? "" : ", confirmed orders in table " + OrderEvents.TABLE)
                    + (blankToNull(redisUri) == null ? "" : ", and Redis keys order:<id>"));
        }
        if (httpsPort > 65535 || httpsPort < -1) {
            target.close();
            throw new IllegalArgumentException("--https-port must be from 0 to 65535, not " + httpsPort);
        }
        if (httpsPort >= 0) {
            target.https(httpsPort);
        } else if (caOut != null || printCa) {
            target.close();
            throw new IllegalArgumentException("--ca-out and --print-ca need --https-port");
        }
        target.start();
        out.println("itf demo target listening on http://localhost:" + target.port() + " (GET / lists the endpoints)");
        if (target.httpsPort() > 0) {
            out.println("and on https://localhost:" + target.httpsPort() + " (certificate issued by the CA \"itf demo target CA\")");
            if (caOut != null) {
                Files.writeString(caOut, target.caPem());
                out.println("CA certificate written to " + caOut);
            }
            if (printCa) {
                out.print(target.caPem());
            }
        }
        out.flush();
        return target;
    }

    private String eventBroker() {
        String amqp = blankToNull(amqpUri);
        String kafka = blankToNull(kafkaUri);
        if (amqp != null && kafka != null) {
            throw new IllegalArgumentException("give --amqp-uri or --kafka-uri for the order events, not both");
        }
        if (amqp == null && kafka == null && (blankToNull(dbUri) != null || blankToNull(redisUri) != null)) {
            throw new IllegalArgumentException("--db-uri and --redis-uri record what the order events confirm: give --amqp-uri or --kafka-uri too");
        }
        return amqp != null ? amqp : kafka;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
