package dev.itf.runner.expect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;

/** Values cut to a readable length for messages and logs. */
public final class Excerpt {

    public static final int MESSAGE_CHARS = 200;

    private Excerpt() {
    }

    /** The text cut to max characters, with how much was left out: "abc…(1234 more chars)". */
    public static String cut(String text, int max) {
        if (text == null) {
            return "null";
        }
        if (text.length() <= max) {
            return text;
        }
        return text.substring(0, max) + "…(" + (text.length() - max) + " more chars)";
    }

    public static String cut(String text) {
        return cut(text, MESSAGE_CHARS);
    }

    /** A JSON value as JSON text (strings quoted), cut. */
    public static String json(JsonNode node) {
        return cut(node == null ? "null" : node.toString());
    }

    /** A string quoted as JSON, cut. */
    public static String quoted(String text) {
        return text == null ? "null" : cut(TextNode.valueOf(text).toString());
    }
}
