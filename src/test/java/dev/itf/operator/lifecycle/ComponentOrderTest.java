package dev.itf.operator.lifecycle;

import dev.itf.api.Component;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ComponentOrderTest {
    static Component c(String name, String... dependsOn) {
        Component c = new Component();
        c.name = name;
        c.dependsOn = List.of(dependsOn);
        return c;
    }

    @Test
    void everyComponentComesAfterWhatItDependsOn() {
        List<Component> sorted = ComponentOrder.sort(List.of(c("api", "db", "events"), c("events"), c("db", "events")));
        assertThat(sorted).extracting(x -> x.name).containsExactly("events", "db", "api");
        assertThat(ComponentOrder.canStart(c("api", "db"), Set.of("events"))).isFalse();
        assertThat(ComponentOrder.canStart(c("api", "db"), Set.of("db"))).isTrue();
    }

    @Test
    void aCycleIsNamed() {
        assertThatThrownBy(() -> ComponentOrder.sort(List.of(c("a", "b"), c("b", "a")))).hasMessageContaining("cycle");
    }
}
