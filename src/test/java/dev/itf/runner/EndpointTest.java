package dev.itf.runner;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EndpointTest {

    @Test
    void parsesSeveralKafkaHostsAndFillsDefaultPorts() {
        Endpoint e = Endpoint.parse("kafka://broker-0:9093,broker-1");
        assertThat(e.hosts()).containsExactly("broker-0:9093", "broker-1:9092");
        assertThat(e.address()).isEqualTo("broker-0:9093,broker-1:9092");
    }

    @Test
    void readsCredentialsDatabaseAndQuery() {
        Endpoint e = Endpoint.parse("postgresql://orders:p%40ss@orders-db/orders?sslmode=disable");
        assertThat(e.user()).isEqualTo("orders");
        assertThat(e.password()).isEqualTo("p@ss");
        assertThat(e.hosts()).containsExactly("orders-db:5432");
        assertThat(e.path()).isEqualTo("orders");
        assertThat(e.query()).isEqualTo("sslmode=disable");
    }

    @Test
    void resolvesAComponentAndRegistersItsPasswordWithTheRedactor() {
        Redactor redactor = new Redactor();
        TestStepContext ctx = new TestStepContext(new RunResources(), redactor)
                .var("components.events.uri", "amqp://app:pa%2Fss@rabbit:5672/vhost");
        Endpoint e = Endpoint.resolve(ctx, "publish", "events", null, List.of("amqp"));
        assertThat(e.address()).isEqualTo("rabbit:5672");
        assertThat(redactor.redact("password pa/ss or raw pa%2Fss")).doesNotContain("pa/ss").doesNotContain("pa%2Fss");
    }

    @Test
    void refusesAWrongSchemeOrBothComponentAndUri() {
        TestStepContext ctx = new TestStepContext(new RunResources(), new Redactor());
        assertThatThrownBy(() -> Endpoint.resolve(ctx, "sql", null, "redis://cache:6379", List.of("postgresql", "mysql")))
                .hasMessageContaining("sql: unsupported URI scheme 'redis://' (cache:6379); use one of [postgresql://, mysql://]");
        assertThatThrownBy(() -> Endpoint.resolve(ctx, "sql", "db", "postgresql://x", List.of("postgresql")))
                .hasMessageContaining("give either component or uri");
        assertThatThrownBy(() -> Endpoint.parse("localhost:5432"))
                .hasMessageContaining("not a URI with a scheme");
    }
}
