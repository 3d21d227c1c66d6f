package dev.itf.validation;

import dev.itf.manifest.ManifestException;
import dev.itf.manifest.Manifests;
import dev.itf.manifest.Typed;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Test resources written as YAML, converted the way lint and the runner convert them. */
final class Yaml {

    private Yaml() {
    }

    static <T> T read(Class<T> type, String yaml) {
        try {
            Typed<T> typed = Manifests.parse(Path.of("test.yaml"), yaml).get(0).as(type);
            assertThat(typed.problems()).as("conversion problems").isEmpty();
            return typed.resource();
        } catch (ManifestException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }
}
