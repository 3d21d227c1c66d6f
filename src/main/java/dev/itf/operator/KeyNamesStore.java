package dev.itf.operator;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.informers.cache.BasicItemStore;
import io.fabric8.kubernetes.client.informers.cache.Cache;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * An informer cache that keeps only the metadata and the key names of Secrets and ConfigMaps: validation needs to know
 * that a key exists, and this way no secret value is held in the operator's memory and large ConfigMaps cost little.
 */
final class KeyNamesStore<T extends HasMetadata> extends BasicItemStore<T> {

    private final UnaryOperator<T> strip;

    private KeyNamesStore(UnaryOperator<T> strip) {
        super(Cache::metaNamespaceKeyFunc);
        this.strip = strip;
    }

    static KeyNamesStore<Secret> secrets() {
        return new KeyNamesStore<>(s -> new SecretBuilder()
                .withMetadata(meta(s))
                .withType(s.getType())
                .withData(keys(s.getData(), s.getStringData()))
                .build());
    }

    static KeyNamesStore<ConfigMap> configMaps() {
        return new KeyNamesStore<>(c -> new ConfigMapBuilder()
                .withMetadata(meta(c))
                .withData(keys(c.getData(), c.getBinaryData()))
                .build());
    }

    @Override
    public T put(String key, T obj) {
        return super.put(key, strip.apply(obj));
    }

    private static io.fabric8.kubernetes.api.model.ObjectMeta meta(HasMetadata o) {
        return new ObjectMetaBuilder()
                .withName(o.getMetadata().getName())
                .withNamespace(o.getMetadata().getNamespace())
                .withUid(o.getMetadata().getUid())
                .withResourceVersion(o.getMetadata().getResourceVersion())
                .build();
    }

    private static Map<String, String> keys(Map<String, String> a, Map<String, String> b) {
        Map<String, String> keys = new LinkedHashMap<>();
        if (a != null) {
            a.keySet().forEach(k -> keys.put(k, ""));
        }
        if (b != null) {
            b.keySet().forEach(k -> keys.put(k, ""));
        }
        return keys;
    }
}
