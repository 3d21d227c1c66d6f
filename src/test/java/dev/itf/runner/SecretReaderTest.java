package dev.itf.runner;

import dev.itf.api.SecretKeyRef;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SecretReaderTest {

    @Test
    void variableNameIsUpperCasedWithNonAlphanumericsReplaced() {
        assertThat(SecretReader.variableName("orders-admin", "password")).isEqualTo("ITF_SECRET_ORDERS_ADMIN_PASSWORD");
        assertThat(SecretReader.variableName("jwt.key", "tls.key")).isEqualTo("ITF_SECRET_JWT_KEY_TLS_KEY");
    }

    @Test
    void readsTheRefKeyOrTheDefaultKeyAndRegistersTheValue() {
        Redactor redactor = new Redactor();
        SecretReader reader = new SecretReader(Map.of(
                "ITF_SECRET_OAUTH_SECRET", "s3cret-value",
                "ITF_SECRET_OAUTH_CLIENTSECRET", "default-key-value")::get, redactor);

        assertThat(reader.read(new SecretKeyRef("oauth", "secret"), "clientSecret")).isEqualTo("s3cret-value");
        assertThat(reader.read(new SecretKeyRef("oauth", null), "clientSecret")).isEqualTo("default-key-value");
        assertThat(redactor.redact("a=s3cret-value b=default-key-value")).isEqualTo("a=" + Redactor.MASK + " b=" + Redactor.MASK);
    }

    @Test
    void aMissingSecretNamesTheVariableToSet() {
        SecretReader reader = new SecretReader(Map.<String, String>of()::get, new Redactor());

        assertThatThrownBy(() -> reader.read(new SecretKeyRef("partner-key", null), "key"))
                .hasMessage("secret partner-key key key is not set: set the environment variable ITF_SECRET_PARTNER_KEY_KEY");
        assertThatThrownBy(() -> reader.read(new SecretKeyRef(null, "key"), "key")).hasMessage("a secretRef needs a name");
    }
}
