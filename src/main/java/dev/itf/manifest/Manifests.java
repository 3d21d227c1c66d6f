package dev.itf.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.resolver.Resolver;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
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
        unprintable(file, text);
        List<Manifest> manifests = new ArrayList<>();
        // positions are needed only to report a problem: they are found then, by reading the text again
        Map<Integer, Map<String, Position>> positions = new HashMap<>();
        for (Document d : documents(file, text, false)) {
            manifests.add(new Manifest(file, d.index(), d.node(), () -> positionsOf(file, text, d.index(), positions)));
        }
        return manifests;
    }

    private record Document(int index, JsonNode node, Map<String, Position> positions) {
    }

    /** The positions of one document's fields; read once for all the documents of the text, on the first call. */
    private static Map<String, Position> positionsOf(Path file, String text, int document, Map<Integer, Map<String, Position>> found) {
        synchronized (found) {
            if (found.isEmpty()) {
                try {
                    documents(file, text, true).forEach(d -> found.put(d.index(), d.positions()));
                } catch (ManifestException e) {
                    throw new IllegalStateException("the text read before cannot be read again: " + e.getMessage(), e);
                }
            }
            return found.getOrDefault(document, Map.of());
        }
    }

    private static List<Document> documents(Path file, String text, boolean withPositions) throws ManifestException {
        List<Document> documents = new ArrayList<>();
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        StreamReader reader = new StreamReader(new StringReader(text));
        try {
            Composer composer = new Composer(new ParserImpl(reader, options), new QuickResolver(), options);
            int index = 0;
            while (composer.checkNode()) {
                Node root = composer.getNode();
                int document = index++;
                if (root == null) {
                    continue;
                }
                Map<String, Position> positions = withPositions ? new HashMap<>() : null;
                JsonNode node = new YamlTree(file, positions).convert(root, "");
                if (node.isNull()) {
                    continue;
                }
                if (!node.isObject()) {
                    throw new ManifestException(file, YamlTree.start(root), "a document must be a mapping (apiVersion, kind, metadata, spec)");
                }
                documents.add(new Document(document, node, positions));
            }
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : reader.getMark();
            throw new ManifestException(file, position(mark), "not valid YAML: " + printable(e.getProblem()));
        } catch (YAMLException e) {
            // limits (nesting depth, aliases) carry no mark: the reader stopped right after the cause
            throw new ManifestException(file, position(reader.getMark()), "not valid YAML: " + printable(e.getMessage()));
        }
        return documents;
    }

    /**
     * SnakeYAML's resolver, without its regular expressions for a plain scalar whose first character starts none of
     * the implicit types (booleans, numbers, null, ...): the only resolver left for such a scalar matches the empty one.
     */
    private static final class QuickResolver extends Resolver {
        @Override
        public Tag resolve(NodeId kind, String value, boolean implicit) {
            if (kind == NodeId.scalar && implicit && !value.isEmpty() && !yamlImplicitResolvers.containsKey(value.charAt(0))) {
                return Tag.STR;
            }
            return super.resolve(kind, value, implicit);
        }
    }

    /** YAML forbids control characters outside tabs and line breaks; the parser would name none, nor say where. */
    private static void unprintable(Path file, String text) throws ManifestException {
        int line = 1;
        int column = 1;
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            if (!StreamReader.isPrintable(c)) {
                throw new ManifestException(file, new Position(line, column), "not valid YAML: the character "
                        + String.format("U+%04X", c) + " is not allowed; remove it, or write it as an escape in a double-quoted string");
            }
            if (c == '\n' || (c == '\r' && (i + 1 >= text.length() || text.charAt(i + 1) != '\n'))) {
                line++;
                column = 1;
            } else if (c != '\r') {
                column++;
            }
            i += Character.charCount(c);
        }
    }

    private static Position position(Mark mark) {
        return new Position(mark.getLine() + 1, mark.getColumn() + 1);
    }

    /** The parser's message on one line, with the control characters it quotes made visible. */
    private static String printable(String message) {
        StringBuilder out = new StringBuilder();
        message.strip().codePoints().forEach(c -> {
            if (Character.isISOControl(c) || c == 0x2028 || c == 0x2029 || c == 0xFEFF) {
                out.append(String.format("U+%04X", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
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
