package dev.itf.runner.events;

import dev.itf.runner.ClientTimeout;
import dev.itf.runner.Endpoint;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.eclipse.paho.mqttv5.common.packet.UserProperty;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * MQTT 5: one client per run and address publishes; each subscription has a client of its own, so overlapping
 * topic filters of two steps never steal or unsubscribe each other's messages. Headers are user properties.
 */
final class MqttBroker implements Broker {

    private final Endpoint endpoint;
    private final Duration connectTimeout;
    private final MqttClient publisher;
    private final Set<Subscription> open = ConcurrentHashMap.newKeySet();

    MqttBroker(Endpoint endpoint, Duration connectTimeout) throws MqttException {
        this.endpoint = endpoint;
        this.connectTimeout = connectTimeout;
        this.publisher = connect(null);
    }

    private MqttClient connect(MqttCallback callback) throws MqttException {
        String server = (endpoint.scheme().equals("mqtts") ? "ssl://" : "tcp://") + endpoint.hosts().get(0);
        MqttClient client = new MqttClient(server, "itf-" + UUID.randomUUID(), new MemoryPersistence());
        client.setTimeToWait(ClientTimeout.of(connectTimeout).millis());
        if (callback != null) {
            client.setCallback(callback);
        }
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setServerURIs(endpoint.hosts().stream().map(h -> server.substring(0, server.indexOf("://") + 3) + h).toArray(String[]::new));
        // seconds, which the client multiplies by 1000 into an int
        options.setConnectionTimeout(ClientTimeout.of(connectTimeout).seconds());
        options.setAutomaticReconnect(false);
        options.setCleanStart(true);
        if (endpoint.user() != null) {
            options.setUserName(endpoint.user());
            if (endpoint.password() != null) {
                options.setPassword(endpoint.password().getBytes(StandardCharsets.UTF_8));
            }
        }
        try {
            client.connect(options);
        } catch (MqttException e) {
            client.close(true);
            throw e;
        }
        return client;
    }

    @Override
    public void publish(OutgoingMessage message, Duration timeout) throws MqttException {
        MqttMessage m = new MqttMessage(message.body());
        m.setQos(message.qos() == null ? 1 : message.qos());
        MqttProperties props = new MqttProperties();
        List<UserProperty> user = new ArrayList<>();
        message.headers().forEach((k, v) -> user.add(new UserProperty(k, v)));
        props.setUserProperties(user);
        if (message.json()) {
            props.setContentType("application/json");
        }
        m.setProperties(props);
        synchronized (publisher) {
            publisher.setTimeToWait(ClientTimeout.of(timeout).millis());
            publisher.publish(message.destination(), m);
        }
    }

    @Override
    public Subscription subscribe(String filter, Duration timeout) throws MqttException {
        Subscription[] self = new Subscription[1];
        MqttClient client = connect(new MqttCallback() {
            @Override
            public void messageArrived(String topic, MqttMessage message) {
                Map<String, String> headers = new LinkedHashMap<>();
                if (message.getProperties() != null && message.getProperties().getUserProperties() != null) {
                    message.getProperties().getUserProperties().forEach(p -> headers.put(p.getKey(), p.getValue()));
                }
                self[0].add(new ReceivedMessage(new String(message.getPayload(), StandardCharsets.UTF_8), headers, topic, Instant.now()));
            }

            @Override
            public void disconnected(MqttDisconnectResponse response) {
                self[0].fail("MQTT at " + endpoint.address() + " disconnected: " + response.getReasonString());
            }

            @Override
            public void mqttErrorOccurred(MqttException exception) {
                self[0].fail("MQTT at " + endpoint.address() + ": " + exception.getMessage());
            }

            @Override
            public void deliveryComplete(IMqttToken token) {
            }

            @Override
            public void connectComplete(boolean reconnect, String serverURI) {
            }

            @Override
            public void authPacketArrived(int reasonCode, MqttProperties properties) {
            }
        });
        self[0] = new Subscription(filter, () -> {
            open.remove(self[0]);
            close(client);
        });
        try {
            client.setTimeToWait(ClientTimeout.of(timeout).millis());
            MqttSubscription subscription = new MqttSubscription(filter, 1);
            // retained messages were published before the subscription opened: they must not count
            subscription.setRetainHandling(2);
            IMqttToken token = client.subscribe(new MqttSubscription[] {subscription});
            int[] codes = token.getReasonCodes();
            if (codes != null && codes.length > 0 && codes[0] >= 0x80) {
                throw new IllegalStateException("MQTT at " + endpoint.address() + " refused the subscription to '" + filter
                        + "' (reason code " + codes[0] + ")");
            }
        } catch (MqttException | RuntimeException e) {
            close(client);
            throw e;
        }
        open.add(self[0]);
        return self[0];
    }

    private static void close(MqttClient client) {
        try {
            if (client.isConnected()) {
                // nothing waits for in-flight work: a subscription only receives
                client.disconnect(0);
            }
        } catch (MqttException ignored) {
            // already gone: closing below frees what is left
        }
        try {
            client.close(true);
        } catch (MqttException ignored) {
            // nothing more can be freed
        }
    }

    @Override
    public void close() {
        open.forEach(Subscription::close);
        close(publisher);
    }
}
