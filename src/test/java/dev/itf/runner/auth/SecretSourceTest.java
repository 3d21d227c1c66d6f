package dev.itf.runner.auth;

import dev.itf.api.SecretKeyRef;
import dev.itf.runner.Redactor;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SecretSourceTest {

    @Test
    void envVarNameIsUpperCasedWithNonAlphanumericsReplaced() {
        assertThat(SecretSource.envVarName("orders-admin", "password")).isEqualTo("ITF_SECRET_ORDERS_ADMIN_PASSWORD");
        assertThat(SecretSource.envVarName("jwt.key", "tls.key")).isEqualTo("ITF_SECRET_JWT_KEY_TLS_KEY");
    }

    @Test
    void readsTheRefKeyOrTheDefaultKeyAndRegistersTheValue() {
        Redactor redactor = new Redactor();
        SecretSource source = SecretSource.of(Map.of(
                "ITF_SECRET_OAUTH_SECRET", "s3cret-value",
                "ITF_SECRET_OAUTH_CLIENTSECRET", "default-key-value"), redactor);

        assertThat(source.secret(new SecretKeyRef("oauth", "secret"), "clientSecret")).isEqualTo("s3cret-value");
        assertThat(source.secret(new SecretKeyRef("oauth", null), "clientSecret")).isEqualTo("default-key-value");
        assertThat(redactor.redact("a=s3cret-value b=default-key-value")).isEqualTo("a=" + Redactor.MASK + " b=" + Redactor.MASK);
    }

    @Test
    void aMissingSecretNamesTheEnvVarToSet() {
        SecretSource source = SecretSource.of(Map.of(), new Redactor());

        assertThatThrownBy(() -> source.secret(new SecretKeyRef("partner-key", null), "key"))
                .hasMessageContaining("set the env var ITF_SECRET_PARTNER_KEY_KEY")
                .hasMessageContaining("the Secret partner-key must have the key key");
        assertThatThrownBy(() -> source.secret(new SecretKeyRef(null, "key"), "key")).hasMessageContaining("name is required");
    }
}
