package dev.itf.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A parsed GraphQL request for the demo target's fixed schema: operations made of fields with arguments and
 * sub-selections. Variables are substituted while parsing, so arguments are plain JSON values. Fragments and
 * directives are outside what the demo schema needs and are rejected with a clear message.
 */
final class GraphqlDocument {

    record Field(String alias, String name, Map<String, JsonNode> args, List<Field> selections, int line, int column) {
        String key() {
            return alias == null ? name : alias;
        }
    }

    /** An operation; undefinedVariables lists the variables it uses that the request did not give. */
    record Operation(String type, String name, List<Field> selections, List<String> undefinedVariables) {
    }

    /** A query that cannot be parsed; the message names the line and column. */
    static final class SyntaxError extends RuntimeException {
        SyntaxError(String message) {
            super(message);
        }
    }

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final String text;
    private final JsonNode variables;
    private int pos;
    private JsonNode operationVariables;
    private List<String> undefined;
    private final List<Operation> operations = new ArrayList<>();

    private GraphqlDocument(String text, JsonNode variables) {
        this.text = text;
        this.variables = variables == null || variables.isNull() ? NODES.objectNode() : variables;
    }

    /** Parses the query, taking variable values from variables (a JSON object, may be null). */
    static List<Operation> parse(String query, JsonNode variables) {
        GraphqlDocument doc = new GraphqlDocument(query, variables);
        doc.skipIgnored();
        while (doc.pos < doc.text.length()) {
            doc.operations.add(doc.operation());
            doc.skipIgnored();
        }
        if (doc.operations.isEmpty()) {
            throw new SyntaxError("the query is empty");
        }
        return doc.operations;
    }

    private Operation operation() {
        if (peek() == '{') {
            operationVariables = variables;
            undefined = new ArrayList<>();
            return new Operation("query", null, selectionSet(), undefined);
        }
        int at = pos;
        String keyword = name();
        if (keyword.equals("fragment") || keyword.equals("subscription")) {
            throw error(at, keyword + " is not supported by the demo target; write the fields inline");
        }
        if (!keyword.equals("query") && !keyword.equals("mutation")) {
            throw error(at, "expected query, mutation or '{', found '" + keyword + "'");
        }
        String name = isNameStart(peek()) ? name() : null;
        Map<String, JsonNode> defaults = new LinkedHashMap<>();
        if (peek() == '(') {
            variableDefinitions(defaults);
        }
        ObjectNode merged = NODES.objectNode();
        defaults.forEach(merged::set);
        if (variables.isObject()) {
            merged.setAll((ObjectNode) variables);
        }
        operationVariables = merged;
        undefined = new ArrayList<>();
        return new Operation(keyword, name, selectionSet(), undefined);
    }

    private void variableDefinitions(Map<String, JsonNode> defaults) {
        expect('(');
        while (peek() != ')') {
            expect('$');
            String var = name();
            expect(':');
            type();
            if (peek() == '=') {
                expect('=');
                defaults.put(var, value());
            }
        }
        expect(')');
    }

    private void type() {
        if (peek() == '[') {
            expect('[');
            type();
            expect(']');
        } else {
            name();
        }
        if (peek() == '!') {
            expect('!');
        }
    }

    private List<Field> selectionSet() {
        expect('{');
        List<Field> fields = new ArrayList<>();
        while (peek() != '}') {
            if (peek() == '.') {
                throw error(pos, "fragments are not supported by the demo target; write the fields inline");
            }
            if (peek() == '@') {
                throw error(pos, "directives are not supported by the demo target");
            }
            fields.add(field());
        }
        expect('}');
        if (fields.isEmpty()) {
            throw error(pos, "a selection set must select at least one field");
        }
        return fields;
    }

    private Field field() {
        int at = pos;
        String first = name();
        String alias = null;
        String name = first;
        if (peek() == ':') {
            expect(':');
            alias = first;
            name = name();
        }
        Map<String, JsonNode> args = new LinkedHashMap<>();
        if (peek() == '(') {
            expect('(');
            while (peek() != ')') {
                String arg = name();
                expect(':');
                args.put(arg, value());
            }
            expect(')');
        }
        List<Field> selections = peek() == '{' ? selectionSet() : List.of();
        int[] lc = lineColumn(at);
        return new Field(alias, name, args, selections, lc[0], lc[1]);
    }

    private JsonNode value() {
        char c = peek();
        if (c == '$') {
            expect('$');
            String var = name();
            if (!operationVariables.has(var)) {
                undefined.add(var);
                return NODES.nullNode();
            }
            return operationVariables.get(var);
        }
        if (c == '"') {
            return NODES.textNode(string());
        }
        if (c == '-' || Character.isDigit(c)) {
            return number();
        }
        if (c == '[') {
            expect('[');
            ArrayNode list = NODES.arrayNode();
            while (peek() != ']') {
                list.add(value());
            }
            expect(']');
            return list;
        }
        if (c == '{') {
            expect('{');
            ObjectNode object = NODES.objectNode();
            while (peek() != '}') {
                String key = name();
                expect(':');
                object.set(key, value());
            }
            expect('}');
            return object;
        }
        String word = name();
        return switch (word) {
            case "true" -> NODES.booleanNode(true);
            case "false" -> NODES.booleanNode(false);
            case "null" -> NODES.nullNode();
            default -> NODES.textNode(word);
        };
    }

    private String string() {
        if (text.startsWith("\"\"\"", pos)) {
            int end = text.indexOf("\"\"\"", pos + 3);
            if (end < 0) {
                throw error(pos, "unterminated block string");
            }
            String s = text.substring(pos + 3, end);
            pos = end + 3;
            skipIgnored();
            return s.strip();
        }
        int start = pos;
        pos++;
        StringBuilder sb = new StringBuilder();
        while (pos < text.length() && text.charAt(pos) != '"') {
            char c = text.charAt(pos++);
            if (c == '\\' && pos < text.length()) {
                char e = text.charAt(pos++);
                switch (e) {
                    case 'n' -> sb.append('\n');
                    case 't' -> sb.append('\t');
                    case 'r' -> sb.append('\r');
                    case 'b' -> sb.append('\b');
                    case 'f' -> sb.append('\f');
                    case 'u' -> {
                        if (pos + 4 > text.length()) {
                            throw error(pos, "bad unicode escape");
                        }
                        sb.append((char) Integer.parseInt(text.substring(pos, pos + 4), 16));
                        pos += 4;
                    }
                    default -> sb.append(e);
                }
            } else if (c == '\n') {
                throw error(start, "unterminated string");
            } else {
                sb.append(c);
            }
        }
        if (pos >= text.length()) {
            throw error(start, "unterminated string");
        }
        pos++;
        skipIgnored();
        return sb.toString();
    }

    private JsonNode number() {
        int start = pos;
        if (text.charAt(pos) == '-') {
            pos++;
        }
        while (pos < text.length() && (Character.isDigit(text.charAt(pos)) || ".eE+-".indexOf(text.charAt(pos)) >= 0)) {
            pos++;
        }
        String s = text.substring(start, pos);
        skipIgnored();
        try {
            return s.contains(".") || s.contains("e") || s.contains("E") ? NODES.numberNode(Double.parseDouble(s)) : NODES.numberNode(Long.parseLong(s));
        } catch (NumberFormatException e) {
            throw error(start, "'" + s + "' is not a number");
        }
    }

    private String name() {
        if (!isNameStart(peek())) {
            throw error(pos, pos >= text.length() ? "unexpected end of the query" : "expected a name, found '" + text.charAt(pos) + "'");
        }
        int start = pos;
        while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_')) {
            pos++;
        }
        String s = text.substring(start, pos);
        skipIgnored();
        return s;
    }

    private static boolean isNameStart(char c) {
        return Character.isLetter(c) || c == '_';
    }

    private void expect(char c) {
        if (peek() != c) {
            throw error(pos, pos >= text.length() ? "expected '" + c + "' but the query ended" : "expected '" + c + "', found '" + text.charAt(pos) + "'");
        }
        pos++;
        skipIgnored();
    }

    private char peek() {
        return pos < text.length() ? text.charAt(pos) : '\0';
    }

    /** Whitespace, commas and # comments separate tokens and mean nothing. */
    private void skipIgnored() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == '#') {
                while (pos < text.length() && text.charAt(pos) != '\n') {
                    pos++;
                }
            } else if (Character.isWhitespace(c) || c == ',' || c == '\uFEFF') {
                pos++;
            } else {
                return;
            }
        }
    }

    private int[] lineColumn(int at) {
        int line = 1;
        int column = 1;
        for (int i = 0; i < at && i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
        }
        return new int[] {line, column};
    }

    private SyntaxError error(int at, String message) {
        int[] lc = lineColumn(at);
        return new SyntaxError("syntax error at " + lc[0] + ":" + lc[1] + ": " + message);
    }
}
