package dev.itf.cli;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.itf.manifest.Manifest;
import dev.itf.manifest.Typed;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A local environment file for {@code itf run SUITE.yaml ENV.yaml}: plain variables and the components the suite
 * talks to. {@code components: {api: {url: ...}}} becomes the variable {@code components.api.url}.
 */
final class EnvironmentFile {

    @JsonPropertyDescription("Run variables.")
    public Map<String, String> variables = new LinkedHashMap<>();
    @JsonPropertyDescription("Components by name, each a map of keys such as uri, url, host, port, username, password.")
    public Map<String, Map<String, String>> components = new LinkedHashMap<>();

    /** A document that can only be a local environment file: no apiVersion or kind, and only its two fields. */
    static boolean isOne(Manifest m) {
        if (m.apiVersion() != null || m.kind() != null || m.node().isEmpty()) {
            return false;
        }
        for (var names = m.node().fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!name.equals("variables") && !name.equals("components")) {
                return false;
            }
        }
        return true;
    }

    /** The file's variables, components flattened to components.NAME.KEY. */
    static Map<String, String> load(Path file) throws InputException {
        Map<String, String> all = new LinkedHashMap<>();
        List<Manifest> documents = SuiteFile.documents(file);
        if (documents.isEmpty()) {
            return all;
        }
        Manifest manifest = documents.get(0);
        Typed<EnvironmentFile> typed = manifest.as(EnvironmentFile.class);
        if (!typed.problems().isEmpty()) {
            throw new InputException(typed.problems().stream().map(manifest::format).toList());
        }
        EnvironmentFile env = typed.resource();
        if (env.variables != null) {
            all.putAll(env.variables);
        }
        if (env.components != null) {
            env.components.forEach((name, keys) -> {
                if (keys != null) {
                    keys.forEach((key, value) -> all.put("components." + name + "." + key, value));
                }
            });
        }
        return all;
    }
}
