package dev.itf.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** Reads YAML files of one or many documents into {@link Manifest}s that know the line and column of every field. */
public final class Manifests {

    private Manifests() {
    }

    /** Every non-empty document of the file, in order. */
    public static List<Manifest> read(Path file) throws ManifestException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ManifestException(file, null, "cannot read the file: " + e.getMessage());
        }
        return parse(file, text);
    }

    /** Every non-empty document of the text; {@code file} names it in positions and errors. */
    public static List<Manifest> parse(Path file, String text) throws ManifestException {
        List<Manifest> manifests = new ArrayList<>();
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        try {
            Iterator<Node> documents = new Yaml(options).composeAll(new StringReader(text)).iterator();
            int index = 0;
            while (documents.hasNext()) {
                Node root = documents.next();
                int document = index++;
                if (root == null) {
                    continue;
                }
                Map<String, Position> positions = new HashMap<>();
                JsonNode node = new YamlTree(file, positions).convert(root, "");
                if (node.isNull()) {
                    continue;
                }
                if (!node.isObject()) {
                    throw new ManifestException(file, YamlTree.start(root), "a document must be a mapping (apiVersion, kind, metadata, spec)");
                }
                manifests.add(new Manifest(file, document, node, positions));
            }
        } catch (MarkedYAMLException e) {
            Position at = e.getProblemMark() == null ? null
                    : new Position(e.getProblemMark().getLine() + 1, e.getProblemMark().getColumn() + 1);
            throw new ManifestException(file, at, "not valid YAML: " + e.getProblem());
        } catch (YAMLException e) {
            throw new ManifestException(file, null, "not valid YAML: " + e.getMessage());
        }
        return manifests;
    }

    /** The first document of the file whose kind is the type's name (TestSuite, ...), converted; for {@code itf run SUITE.yaml}. */
    public static <T> Typed<T> readOne(Path file, Class<T> type) throws ManifestException {
        String kind = type.getSimpleName();
        for (Manifest m : read(file)) {
            if (kind.equals(m.kind())) {
                return m.as(type);
            }
        }
        throw new ManifestException(file, null, "no " + kind + " in the file");
    }
}
