package dev.itf.runner.events;

import dev.itf.runner.ClientTimeout;
import dev.itf.runner.Endpoint;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Kafka: one producer per run and address; each subscription is its own consumer without a group, assigned every
 * partition of the topic and positioned at the end, polled by a background thread.
 */
final class KafkaBroker implements Broker {

    /** Kafka clients log their whole configuration at INFO for every client; a run's output is about steps. Kept in a field so the level sticks. */
    private static final java.util.logging.Logger KAFKA_LOG = quietKafkaLogging();

    private final Endpoint endpoint;
    private final Duration connectTimeout;
    private final Set<Subscription> open = ConcurrentHashMap.newKeySet();
    private KafkaProducer<String, byte[]> producer;

    KafkaBroker(Endpoint endpoint, Duration connectTimeout) throws IOException {
        this.endpoint = endpoint;
        this.connectTimeout = connectTimeout;
        probe(endpoint, connectTimeout);
    }

    /** Kafka clients retry an unreachable bootstrap server silently until their timeout; a socket says why at once. */
    private static void probe(Endpoint endpoint, Duration timeout) throws IOException {
        IOException last = null;
        for (String hostPort : endpoint.hosts()) {
            int colon = hostPort.lastIndexOf(':');
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1))),
                        ClientTimeout.of(timeout).millis());
                return;
            } catch (IOException e) {
                last = e;
            }
        }
        throw last;
    }

    private Properties common(Duration timeout) {
        Properties p = new Properties();
        p.put("bootstrap.servers", endpoint.address());
        int ms = atLeastASecond(timeout);
        p.put("request.timeout.ms", ms);
        p.put("socket.connection.setup.timeout.ms", (long) Math.min(ms, 10_000));
        p.put("socket.connection.setup.timeout.max.ms", (long) Math.min(ms, 30_000));
        p.put("reconnect.backoff.max.ms", 1_000L);
        if (endpoint.user() != null) {
            p.put("security.protocol", "SASL_PLAINTEXT");
            p.put("sasl.mechanism", "PLAIN");
            p.put("sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule required username=\""
                    + endpoint.user() + "\" password=\"" + endpoint.password() + "\";");
        }
        return p;
    }

    private synchronized KafkaProducer<String, byte[]> producer(Duration timeout) {
        if (producer == null) {
            Properties p = common(connectTimeout);
            int ms = atLeastASecond(timeout);
            p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (long) ms);
            // the producer requires delivery.timeout >= linger + request.timeout: equal, with no linger
            p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, ms);
            p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, ms);
            p.put(ProducerConfig.LINGER_MS_CONFIG, 0);
            p.put(ProducerConfig.ACKS_CONFIG, "all");
            producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
        }
        return producer;
    }

    @Override
    public void publish(OutgoingMessage message, Duration timeout) throws Exception {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(message.destination(), message.key(), message.body());
        message.headers().forEach((k, v) -> record.headers().add(k, v.getBytes(StandardCharsets.UTF_8)));
        if (message.json()) {
            record.headers().add("content-type", "application/json".getBytes(StandardCharsets.UTF_8));
        }
        producer(timeout).send(record).get(ClientTimeout.of(timeout).millis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public Subscription subscribe(String topic, Duration timeout) {
        Properties p = common(timeout);
        p.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, atLeastASecond(timeout));
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
        boolean assigned;
        try {
            assigned = assign(consumer, topic, ClientTimeout.of(timeout).duration(), false);
        } catch (RuntimeException e) {
            consumer.close(Duration.ZERO);
            throw e;
        }
        Subscription[] self = new Subscription[1];
        Thread thread = new Thread(() -> poll(consumer, topic, assigned, self[0]), "itf-kafka-" + topic);
        Subscription subscription = new Subscription(topic, () -> {
            consumer.wakeup();
            thread.join(5_000);
        });
        self[0] = subscription;
        open.add(subscription);
        thread.setDaemon(true);
        thread.start();
        return subscription;
    }

    /**
     * Assigns every partition of the topic, at the end as of now, or at the beginning for a topic that did not exist
     * when the subscription opened (all it holds is newer). False when the topic does not exist (yet).
     */
    private static boolean assign(KafkaConsumer<String, byte[]> consumer, String topic, Duration timeout, boolean fromBeginning) {
        List<PartitionInfo> partitions = consumer.partitionsFor(topic, timeout);
        if (partitions == null || partitions.isEmpty()) {
            return false;
        }
        List<TopicPartition> all = partitions.stream().map(i -> new TopicPartition(topic, i.partition())).toList();
        consumer.assign(all);
        if (fromBeginning) {
            consumer.seekToBeginning(all);
        } else {
            consumer.seekToEnd(all);
        }
        // seeking is lazy: asking the position fixes it now, at subscription, not at the first poll
        all.forEach(tp -> consumer.position(tp, timeout));
        return true;
    }

    private void poll(KafkaConsumer<String, byte[]> consumer, String topic, boolean assigned, Subscription subscription) {
        try (consumer) {
            while (!assigned) {
                // the topic is created by its first producer: wait for it and read it from its start
                try {
                    assigned = assign(consumer, topic, Duration.ofSeconds(1), true);
                } catch (TimeoutException slow) {
                    // a topic created a moment ago may take the broker longer than one attempt to place; the
                    // step's within bounds the wait, not this attempt
                    assigned = false;
                }
                if (!assigned) {
                    Thread.sleep(200);
                }
            }
            while (true) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    Map<String, String> headers = new LinkedHashMap<>();
                    for (Header h : r.headers()) {
                        headers.put(h.key(), h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8));
                    }
                    String body = r.value() == null ? null : new String(r.value(), StandardCharsets.UTF_8);
                    subscription.add(new ReceivedMessage(body, headers, r.key(), Instant.now()));
                }
            }
        } catch (WakeupException | InterruptedException closing) {
            // close() woke the consumer: the subscription ended normally
        } catch (RuntimeException e) {
            subscription.fail("Kafka at " + endpoint.address() + ": " + e.getMessage());
        } finally {
            open.remove(subscription);
        }
    }

    @Override
    public void close() {
        open.forEach(Subscription::close);
        synchronized (this) {
            if (producer != null) {
                producer.close(Duration.ofSeconds(5));
                producer = null;
            }
        }
    }

    /** Kafka's timeout settings are int milliseconds, and below a second its clients give up before a broker answers. */
    private static int atLeastASecond(Duration timeout) {
        return ClientTimeout.of(timeout).atLeast(Duration.ofSeconds(1)).millis();
    }

    private static java.util.logging.Logger quietKafkaLogging() {
        java.util.logging.Logger log = java.util.logging.Logger.getLogger("org.apache.kafka");
        log.setLevel(java.util.logging.Level.WARNING);
        return log;
    }
}
