package dev.itf.operator;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class KeyNamesStoreTest {

    @Test
    void secretsAreCachedWithTheirKeyNamesOnly() {
        KeyNamesStore<Secret> store = KeyNamesStore.secrets();
        Secret secret = new SecretBuilder().withNewMetadata().withName("admin").withNamespace("qa").withResourceVersion("7").endMetadata()
                .addToData("password", "czNjcmV0").addToStringData("username", "admin").build();

        store.put(store.getKey(secret), secret);
        Secret cached = store.get("qa/admin");

        assertThat(cached.getMetadata().getName()).isEqualTo("admin");
        assertThat(cached.getMetadata().getResourceVersion()).isEqualTo("7");
        assertThat(cached.getData()).containsOnlyKeys("password", "username").allSatisfy((k, v) -> assertThat(v).isEmpty());
        assertThat(cached.getStringData()).isNullOrEmpty();
    }

    @Test
    void configMapsKeepTextAndBinaryKeyNames() {
        KeyNamesStore<ConfigMap> store = KeyNamesStore.configMaps();
        ConfigMap cm = new ConfigMapBuilder().withNewMetadata().withName("schema").withNamespace("qa").endMetadata()
                .addToData("001.sql", "create table t (id int)").addToBinaryData("logo.png", "iVBORw0K").build();

        store.put(store.getKey(cm), cm);

        assertThat(store.get("qa/schema").getData()).containsOnlyKeys("001.sql", "logo.png").allSatisfy((k, v) -> assertThat(v).isEmpty());
    }
}
