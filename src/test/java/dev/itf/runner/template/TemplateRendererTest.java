package dev.itf.runner.template;

import dev.itf.runner.TemplateException;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TemplateRendererTest {

    private static final Map<String, String> ENV = Map.of("HOME_DIR", "/home/itf");

    private VariableScope scope(Map<String, String> suite, Map<String, String> run) {
        return new VariableScope(suite, run, ENV::get);
    }

    @Test
    void capturesOverrideRunVariablesWhichOverrideSuiteVariables() {
        VariableScope s = scope(Map.of("a", "suite", "b", "suite", "c", "suite"), Map.of("b", "run", "c", "run"));
        s.capture("c", "captured");
        assertThat(s.render("${a} ${b} ${c}")).isEqualTo("suite run captured");
    }

    @Test
    void suiteVariablesMayHoldTemplatesOfRunVariablesAndComponents() {
        VariableScope s = scope(Map.of("baseUrl", "${components.orders-api.url}/api", "orders", "${baseUrl}/orders"),
                Map.of("components.orders-api.url", "http://orders:8080"));
        assertThat(s.render("${orders}?x=1")).isEqualTo("http://orders:8080/api/orders?x=1");
    }

    @Test
    void environmentVariablesAndFunctions() {
        VariableScope s = scope(Map.of(), Map.of());
        assertThat(s.render("${env.HOME_DIR}/x")).isEqualTo("/home/itf/x");
        assertThat(s.render("${uuid()}")).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
        assertThat(Instant.parse(s.render("${now()}"))).isBefore(Instant.now().plusSeconds(1));
        assertThat(s.render("${now()}")).endsWith("Z");
        for (int i = 0; i < 50; i++) {
            assertThat(Integer.parseInt(s.render("${randomInt(3, 5)}"))).isBetween(3, 5);
        }
        assertThat(s.render("literal $${notATemplate}")).isEqualTo("literal ${notATemplate}");
    }

    @Test
    void undefinedVariableIsNamed() {
        VariableScope s = scope(Map.of(), Map.of());
        assertThatThrownBy(() -> s.render("${baseUrl}/orders/${firstId}"))
                .isInstanceOf(TemplateException.class).hasMessage("undefined variable \"baseUrl\"");
        assertThatThrownBy(() -> s.render("${env.NOPE}")).hasMessage("undefined environment variable \"NOPE\"");
        assertThatThrownBy(() -> s.render("${randomInt(5)}")).hasMessageContaining("randomInt(a,b) needs two integers");
        assertThatThrownBy(() -> s.render("${nope()}")).hasMessageContaining("unknown template function \"nope()\"");
        assertThatThrownBy(() -> s.render("${open")).hasMessageContaining("unclosed template expression");
    }

    @Test
    void cycleBetweenSuiteVariablesIsReported() {
        VariableScope s = scope(Map.of("a", "${b}", "b", "${a}"), Map.of());
        assertThatThrownBy(() -> s.render("${a}")).hasMessage("suite variables refer to each other in a cycle: a -> b -> a");
    }

    @Test
    void freshScopeDropsCaptures() {
        VariableScope s = scope(Map.of(), Map.of());
        s.capture("id", "7");
        assertThat(s.render("${id}")).isEqualTo("7");
        assertThatThrownBy(() -> s.fresh().render("${id}")).hasMessage("undefined variable \"id\"");
    }
}
