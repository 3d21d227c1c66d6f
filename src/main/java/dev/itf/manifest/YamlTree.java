package dev.itf.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.IdentityHashMap;
import java.util.Map;

/** Turns a SnakeYAML node tree into a Jackson tree, recording where every field and list item starts when asked to. */
final class YamlTree {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** Values an alias may copy in all: aliases of aliases double at every level, so a few lines could fill the memory. */
    static final int MAX_ALIAS_COPIES = 100_000;

    private final Path file;
    /** Null when positions are not wanted: then no path is built either. */
    private final Map<String, Position> positions;
    // only a node with an anchor can be met again (through an alias): an alias that refers to one of its own ancestors
    // would recurse forever, and everything under a node met again is a copy
    private final Map<Node, Boolean> inProgress = new IdentityHashMap<>();
    private final Map<Node, Boolean> converted = new IdentityHashMap<>();
    private int copying;
    private int copies;

    YamlTree(Path file, Map<String, Position> positions) {
        this.file = file;
        this.positions = positions;
    }

    static Position start(Node node) {
        return new Position(node.getStartMark().getLine() + 1, node.getStartMark().getColumn() + 1);
    }

    JsonNode convert(Node node, String path) throws ManifestException {
        if (positions != null) {
            positions.putIfAbsent(path, start(node));
        }
        boolean anchored = node.getAnchor() != null;
        if (anchored && inProgress.put(node, Boolean.TRUE) != null) {
            throw new ManifestException(file, start(node), "a YAML alias refers to a node that contains it");
        }
        boolean again = anchored && converted.put(node, Boolean.TRUE) != null;
        if (again) {
            copying++;
        }
        if (copying > 0 && ++copies > MAX_ALIAS_COPIES) {
            throw new ManifestException(file, start(node), "YAML aliases copy more than " + MAX_ALIAS_COPIES
                    + " values; write the values out instead");
        }
        try {
            if (node instanceof MappingNode mapping) {
                return object(mapping, path);
            }
            if (node instanceof SequenceNode sequence) {
                ArrayNode array = NODES.arrayNode();
                int i = 0;
                for (Node item : sequence.getValue()) {
                    array.add(convert(item, positions == null ? null : path + "[" + i + "]"));
                    i++;
                }
                return array;
            }
            return scalar((ScalarNode) node);
        } finally {
            if (anchored) {
                inProgress.remove(node);
            }
            if (again) {
                copying--;
            }
        }
    }

    private ObjectNode object(MappingNode mapping, String path) throws ManifestException {
        ObjectNode object = NODES.objectNode();
        for (NodeTuple tuple : mapping.getValue()) {
            if (!(tuple.getKeyNode() instanceof ScalarNode keyNode)) {
                throw new ManifestException(file, start(tuple.getKeyNode()), "a mapping key must be a plain value");
            }
            String key = keyNode.getValue();
            if (object.has(key)) {
                throw new ManifestException(file, start(keyNode), "duplicate key \"" + key + "\"");
            }
            String child = null;
            if (positions != null) {
                child = path.isEmpty() ? key : path + "." + key;
                positions.put(child, start(keyNode));
            }
            object.set(key, convert(tuple.getValueNode(), child));
        }
        return object;
    }

    private static JsonNode scalar(ScalarNode node) {
        String text = node.getValue();
        Tag tag = node.getTag();
        if (Tag.NULL.equals(tag)) {
            return NODES.nullNode();
        }
        if (Tag.BOOL.equals(tag)) {
            return NODES.booleanNode(switch (text.toLowerCase()) {
                case "true", "yes", "on", "y" -> true;
                default -> false;
            });
        }
        if (Tag.INT.equals(tag)) {
            BigInteger value = integer(text);
            if (value != null) {
                // the narrowest node: Kubernetes types such as IntOrString accept an Integer but not a Long
                if (value.bitLength() < 32) {
                    return NODES.numberNode(value.intValue());
                }
                return value.bitLength() < 64 ? NODES.numberNode(value.longValue()) : NODES.numberNode(value);
            }
        }
        if (Tag.FLOAT.equals(tag)) {
            try {
                return NODES.numberNode(new BigDecimal(text.replace("_", "")).doubleValue());
            } catch (NumberFormatException notDecimal) {
                return NODES.textNode(text);
            }
        }
        return NODES.textNode(text);
    }

    private static BigInteger integer(String text) {
        String t = text.replace("_", "");
        boolean negative = t.startsWith("-");
        if (negative || t.startsWith("+")) {
            t = t.substring(1);
        }
        try {
            BigInteger value;
            if (t.startsWith("0x")) {
                value = new BigInteger(t.substring(2), 16);
            } else if (t.startsWith("0o")) {
                value = new BigInteger(t.substring(2), 8);
            } else if (t.startsWith("0b")) {
                value = new BigInteger(t.substring(2), 2);
            } else {
                value = new BigInteger(t);
            }
            return negative ? value.negate() : value;
        } catch (NumberFormatException notAnInteger) {
            return null;
        }
    }
}
