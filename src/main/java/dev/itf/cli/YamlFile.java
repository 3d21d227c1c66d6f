package dev.itf.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads a YAML file into a type; a problem becomes {@code file:line:column: path: message}. */
final class YamlFile {

    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .findAndRegisterModules()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private YamlFile() {
    }

    static <T> T read(Path file, Class<T> type) throws InputException {
        if (!Files.isRegularFile(file)) {
            throw new InputException(file + ": no such file");
        }
        try {
            T value = YAML.readValue(file.toFile(), type);
            if (value == null) {
                throw new InputException(file + ": the file is empty");
            }
            return value;
        } catch (JsonProcessingException e) {
            throw new InputException(describe(file, e));
        } catch (IOException e) {
            throw new InputException(file + ": cannot read: " + e.getMessage());
        }
    }

    private static String describe(Path file, JsonProcessingException e) {
        StringBuilder b = new StringBuilder(file.toString());
        if (e.getLocation() != null) {
            b.append(':').append(e.getLocation().getLineNr()).append(':').append(e.getLocation().getColumnNr());
        }
        b.append(": ");
        if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) {
            b.append(path(m)).append(": ");
        }
        if (e instanceof UnrecognizedPropertyException u) {
            b.append("unknown field \"").append(u.getPropertyName()).append("\": remove it or check its spelling");
        } else {
            String message = e.getOriginalMessage();
            int nl = message.indexOf('\n');
            b.append(nl < 0 ? message : message.substring(0, nl));
        }
        return b.toString();
    }

    private static String path(JsonMappingException m) {
        StringBuilder p = new StringBuilder();
        for (JsonMappingException.Reference r : m.getPath()) {
            if (r.getFieldName() != null) {
                if (p.length() > 0) {
                    p.append('.');
                }
                p.append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                p.append('[').append(r.getIndex()).append(']');
            }
        }
        return p.toString();
    }
}
