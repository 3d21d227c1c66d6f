package dev.itf.validation;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TemplateSyntaxTest {

    @Test
    void acceptsVariablesComponentsEnvAndFunctions() {
        assertThat(TemplateSyntax.problems("${baseUrl}/api/${firstId}?t=${now()}&id=${uuid()}&n=${randomInt(-5, 10)}")).isEmpty();
        assertThat(TemplateSyntax.problems("${components.orders-api.url} ${env.HOME} $5 $.id {x}")).isEmpty();
    }

    @Test
    void namesWhatIsWrong() {
        assertThat(TemplateSyntax.problems("${a")).containsExactly("template \"${a\" is not closed with }");
        assertThat(TemplateSyntax.problems("${a ${b}}")).containsExactly("template \"${a ${b}}\" is not closed with }");
        assertThat(TemplateSyntax.problems("${}")).containsExactly("empty template ${}");
        assertThat(TemplateSyntax.problems("${uuid(1)}")).containsExactly("uuid() takes 0 arguments, not 1 in ${uuid(1)}");
        assertThat(TemplateSyntax.problems("${randomInt(a,b)}")).containsExactly("randomInt() takes integer arguments, not \"a\" in ${randomInt(a,b)}");
        assertThat(TemplateSyntax.problems("${randomInt(9,1)}")).containsExactly("randomInt(a,b) needs a <= b in ${randomInt(9,1)}");
        assertThat(TemplateSyntax.problems("${x..y}")).containsExactly(
                "\"${x..y}\" is neither a variable name (letters, digits, _ and -, parts separated by .) nor a function call");
    }

    @Test
    void findsTheComponentsTemplatesName() {
        assertThat(TemplateSyntax.componentNames("${components.api.url}/x/${components.db.port}/${componentsX}"))
                .containsExactly("api", "db");
    }
}
