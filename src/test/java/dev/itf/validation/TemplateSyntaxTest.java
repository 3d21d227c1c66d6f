package dev.itf.validation;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TemplateSyntaxTest {

    @Test
    void acceptsVariablesComponentsEnvFunctionsAndEscapes() {
        assertThat(TemplateSyntax.problems("${baseUrl}/api/${firstId}?t=${now()}&id=${uuid()}&n=${randomInt(-5, 10)}")).isEmpty();
        assertThat(TemplateSyntax.problems("${components.orders-api.url} ${env.HOME} $5 $.id {x}")).isEmpty();
        assertThat(TemplateSyntax.problems("a literal $${ stays as it is")).isEmpty();
    }

    @Test
    void namesWhatIsWrongInTheRunnersWords() {
        assertThat(TemplateSyntax.problems("${a")).containsExactly("unclosed template expression \"${a\": add a closing }");
        assertThat(TemplateSyntax.problems("${}")).containsExactly("empty template expression ${}");
        assertThat(TemplateSyntax.problems("${uuid(1)}")).containsExactly("template function uuid() takes no arguments, got \"1\"");
        assertThat(TemplateSyntax.problems("${randomInt(a,b)}")).containsExactly("randomInt(a,b) needs two integers, got \"a,b\"");
        assertThat(TemplateSyntax.problems("${randomInt(9,1)}")).containsExactly("randomInt(9,1): the upper bound is below the lower bound");
        assertThat(TemplateSyntax.problems("${x..y}")).containsExactly(
                "\"${x..y}\" is not a variable name: letters, digits, _ and -, parts separated by dots");
    }

    @Test
    void findsTheComponentsTemplatesName() {
        assertThat(TemplateSyntax.componentNames("${components.api.url}/x/${components.db.port}/${componentsX}/${components.x}"))
                .containsExactly("api", "db");
    }
}
