package dev.itf.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;
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
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        StreamReader reader = new StreamReader(new StringReader(text));
        try {
            Composer documents = new Composer(new ParserImpl(reader, options), new Resolver(), options);
            int index = 0;
            while (documents.checkNode()) {
                Node root = documents.getNode();
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
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : reader.getMark();
            throw new ManifestException(file, position(mark), "not valid YAML: " + printable(e.getProblem()));
        } catch (YAMLException e) {
            // limits (nesting depth, aliases) carry no mark: the reader stopped right after the cause
            throw new ManifestException(file, position(reader.getMark()), "not valid YAML: " + printable(e.getMessage()));
        }
        return manifests;
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
