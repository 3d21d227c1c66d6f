package dev.itf.operator.results;

import dev.itf.json.Json;
import dev.itf.operator.run.DurationText;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Which result store the operator uses and how it reaches it, from configuration the chart sets (values
 * {@code results.*}, environment variables {@code ITF_RESULTS_*}). Every problem names the chart value, the variable and
 * the fix, and the operator refuses to start with it.
 */
public final class ResultStoreSettings {
    public static final String FILESYSTEM = "filesystem";
    public static final String POSTGRESQL = "postgresql";
    public static final String S3 = "s3";

    private final Function<String, Optional<String>> config;
    private final List<String> problems = new ArrayList<>();

    /** @param config a configuration property by name (itf.results.store), empty when unset or blank */
    public ResultStoreSettings(Function<String, Optional<String>> config) {
        this.config = name -> config.apply(name).map(String::trim).filter(s -> !s.isEmpty());
    }

    /** A store is misconfigured: the message names every wrong value. */
    public static final class Invalid extends IllegalArgumentException {
        public Invalid(String message) {
            super(message);
        }
    }

    /** The configured store; nothing is connected yet, so a store that is down does not stop the operator. */
    public ResultStore store() {
        String kind = config.apply("itf.results.store").orElse(FILESYSTEM);
        ResultStore store = switch (kind) {
            case FILESYSTEM -> new FileResultStore(Path.of(config.apply("itf.results.dir").orElse("/var/lib/itf/results")), Json.MAPPER);
            case POSTGRESQL -> postgresql();
            case S3 -> s3();
            default -> {
                problem("results.store", "itf.results.store", "\"" + kind + "\" is not a store; use filesystem, postgresql or s3");
                yield null;
            }
        };
        retention();
        keepRuns();
        if (!problems.isEmpty()) {
            throw new Invalid("the result store is misconfigured: " + String.join("; ", problems));
        }
        return store;
    }

    /** How long finished runs are kept (results.retention); empty keeps them until keepRuns removes them. */
    public Optional<Duration> retention() {
        Optional<String> text = config.apply("itf.results.retention");
        if (text.isEmpty()) {
            return Optional.empty();
        }
        Duration d = days(text.get());
        if (d == null || d.isNegative() || d.isZero()) {
            problem("results.retention", "itf.results.retention", "\"" + text.get()
                    + "\" is not a duration; use a number with d, h, m or s, like 30d, or leave it empty to keep runs");
            return Optional.empty();
        }
        return Optional.of(d);
    }

    /** 30d, or what the run timeouts accept (12h, 90m); null when it is neither. */
    private static Duration days(String text) {
        try {
            return text.matches("[0-9]{1,5}d") ? Duration.ofDays(Long.parseLong(text.substring(0, text.length() - 1)))
                    : DurationText.parse(text, null);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** How many finished runs are kept per suite (results.keepRuns); 0 keeps every run. */
    public int keepRuns() {
        Optional<String> text = config.apply("itf.results.keep-runs");
        try {
            int n = text.map(Integer::parseInt).orElse(0);
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // told below
        }
        problem("results.keepRuns", "itf.results.keep-runs", "\"" + text.orElse("") + "\" is not a whole number of 0 or more (0 keeps every run)");
        return 0;
    }

    private ResultStore postgresql() {
        Optional<String> url = required("results.postgresql.url", "itf.results.postgresql.url",
                "required with results.store postgresql; for example jdbc:postgresql://postgres.db.svc:5432/itf");
        url.filter(u -> !u.startsWith("jdbc:postgresql://")).ifPresent(u -> problem("results.postgresql.url",
                "itf.results.postgresql.url", "\"" + PostgresResultStore.withoutParameters(u)
                        + "\" is not a PostgreSQL JDBC URL; it starts with jdbc:postgresql://HOST:PORT/DATABASE"));
        String schema = config.apply("itf.results.postgresql.schema").orElse("itf");
        if (!PostgresResultStore.SCHEMA.matcher(schema).matches()) {
            problem("results.postgresql.schema", "itf.results.postgresql.schema", "\"" + schema
                    + "\" is not a plain schema name: lower-case letters, digits and _, starting with a letter or _");
        }
        if (!problems.isEmpty()) {
            return null;
        }
        return new PostgresResultStore(url.get(), config.apply("itf.results.postgresql.username").orElse(null),
                config.apply("itf.results.postgresql.password").orElse(null), schema, Json.MAPPER);
    }

    private ResultStore s3() {
        Optional<String> bucket = required("results.s3.bucket", "itf.results.s3.bucket", "required with results.store s3: the bucket's name");
        Optional<String> endpoint = config.apply("itf.results.s3.endpoint");
        URI endpointUri = null;
        if (endpoint.isPresent()) {
            try {
                endpointUri = URI.create(endpoint.get());
                if (!"http".equals(endpointUri.getScheme()) && !"https".equals(endpointUri.getScheme()) || endpointUri.getHost() == null) {
                    throw new IllegalArgumentException("not http or https");
                }
            } catch (IllegalArgumentException e) {
                problem("results.s3.endpoint", "itf.results.s3.endpoint", "\"" + endpoint.get()
                        + "\" is not an http or https URL; leave it empty for AWS S3");
            }
        }
        String region = config.apply("itf.results.s3.region").orElse("us-east-1");
        Optional<String> keyId = config.apply("itf.results.s3.access-key-id");
        Optional<String> secret = config.apply("itf.results.s3.secret-access-key");
        if (keyId.isPresent() != secret.isPresent()) {
            problem("results.s3.existingSecret", "itf.results.s3.access-key-id and itf.results.s3.secret-access-key",
                    "give both keys accessKeyId and secretAccessKey, or neither (the default AWS credentials then apply)");
        }
        if (!problems.isEmpty()) {
            return null;
        }
        AwsCredentialsProvider credentials = keyId.isPresent()
                ? StaticCredentialsProvider.create(AwsBasicCredentials.create(keyId.get(), secret.get()))
                : DefaultCredentialsProvider.builder().build();
        var builder = S3Client.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(5)).socketTimeout(Duration.ofSeconds(30)))
                .region(Region.of(region))
                .credentialsProvider(credentials)
                .forcePathStyle(Boolean.parseBoolean(config.apply("itf.results.s3.path-style").orElse("false")))
                // S3-compatible stores do not all know the newer checksums; the SDK's defaults would send them always
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .overrideConfiguration(o -> o.apiCallTimeout(Duration.ofSeconds(60)));
        if (endpointUri != null) {
            builder.endpointOverride(endpointUri);
        }
        return new S3ResultStore(builder.build(), bucket.get(), config.apply("itf.results.s3.prefix").orElse(""),
                endpoint.orElse(null), Json.MAPPER);
    }

    private Optional<String> required(String value, String property, String why) {
        Optional<String> v = config.apply(property);
        if (v.isEmpty()) {
            problem(value, property, why);
        }
        return v;
    }

    private void problem(String value, String property, String message) {
        problems.add(value + " (" + env(property) + "): " + message);
    }

    /** The environment variable the chart sets for a property: itf.results.keep-runs is ITF_RESULTS_KEEP_RUNS. */
    private static String env(String property) {
        if (property.contains(" and ")) {
            String[] two = property.split(" and ");
            return env(two[0]) + " and " + env(two[1]);
        }
        return property.toUpperCase().replace('.', '_').replace('-', '_');
    }
}
