package dev.itf.validation.quality;

import com.fasterxml.jackson.databind.JsonNode;
import dev.itf.json.Json;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/**
 * A repository's choice of quality rules, from {@code .itf-lint.yaml}: {@code rules: {RULE: off | info | warning | error}}
 * where RULE is an id (ITF102) or a name (case-description). Rules not named keep their default severity.
 */
public final class QualityConfig {

    public static final String FILE_NAME = ".itf-lint.yaml";

    private final Map<QualityRule, QualityRule.Severity> severities;
    private final Path source;

    private QualityConfig(Map<QualityRule, QualityRule.Severity> severities, Path source) {
        this.severities = severities;
        this.source = source;
    }

    /** Every rule at its default severity. */
    public static QualityConfig defaults() {
        return new QualityConfig(new EnumMap<>(QualityRule.class), null);
    }

    /** The .itf-lint.yaml of the directory or its nearest parent that has one; the defaults when none has. */
    public static QualityConfig find(Path directory) {
        for (Path dir = directory.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
            Path file = dir.resolve(FILE_NAME);
            if (Files.isRegularFile(file)) {
                return load(file);
            }
        }
        return defaults();
    }

    /** Reads the file; a mistake in it is an error naming the file, the rule and the fix. */
    public static QualityConfig load(Path file) {
        JsonNode root;
        try {
            root = Json.YAML.readTree(Files.readString(file));
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot read the lint configuration: " + e.getMessage());
        }
        Map<QualityRule, QualityRule.Severity> severities = new EnumMap<>(QualityRule.class);
        if (root == null || root.isMissingNode() || root.isNull()) {
            return new QualityConfig(severities, file);
        }
        JsonNode rules = root.path("rules");
        Iterator<String> top = root.fieldNames();
        while (top.hasNext()) {
            String field = top.next();
            if (!field.equals("rules")) {
                throw new IllegalArgumentException(file + ": unknown field \"" + field + "\"; the file has only rules: {RULE: off | info | warning | error}");
            }
        }
        if (!rules.isMissingNode() && !rules.isObject()) {
            throw new IllegalArgumentException(file + ": rules must be a mapping of rule ids to off, info, warning or error");
        }
        rules.fields().forEachRemaining(e -> {
            QualityRule rule = QualityRule.find(e.getKey()).orElseThrow(() -> new IllegalArgumentException(file + ": rules."
                    + e.getKey() + ": no such rule; rules are ITF101..ITF104, ITF201..ITF204, ITF301..ITF305 (see docs/lint.md)"));
            // YAML 1.1 reads an unquoted off as false
            String value = e.getValue().isBoolean() && !e.getValue().asBoolean() ? "off" : e.getValue().asText();
            QualityRule.Severity severity = QualityRule.Severity.parse(value).orElseThrow(() -> new IllegalArgumentException(
                    file + ": rules." + e.getKey() + ": \"" + e.getValue().asText() + "\" is not off, info, warning or error"));
            severities.put(rule, severity);
        });
        return new QualityConfig(severities, file);
    }

    public QualityRule.Severity severity(QualityRule rule) {
        return severities.getOrDefault(rule, rule.severity);
    }

    /** The file this configuration came from, if any. */
    public Optional<Path> source() {
        return Optional.ofNullable(source);
    }
}
