package dev.itf.report;

/** Escaping for text and attribute values written into HTML and SVG. */
final class Html {

    private Html() {
    }

    /** Text safe in element content and in double-quoted attributes; control characters other than tab and newline dropped. */
    static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = null;
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            String r = switch (ch) {
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                case '&' -> "&amp;";
                case '"' -> "&quot;";
                case '\'' -> "&#39;";
                default -> ch < 0x20 && ch != '\n' && ch != '\t' ? "\uFFFD" : null;
            };
            if (r != null && b == null) {
                b = new StringBuilder(s.length() + 16);
                b.append(s, 0, i);
            }
            if (b != null) {
                if (r != null) {
                    b.append(r);
                } else {
                    b.append(ch);
                }
            }
        }
        return b == null ? s : b.toString();
    }

    /** An id for an element from any text: letters, digits, - and _ kept, the rest as _XX. */
    static String id(String prefix, String s) {
        StringBuilder b = new StringBuilder(prefix);
        for (char ch : s.toCharArray()) {
            if (Character.isLetterOrDigit(ch) && ch < 128 || ch == '-' || ch == '_') {
                b.append(ch);
            } else {
                b.append('_').append(Integer.toHexString(ch));
            }
        }
        return b.toString();
    }
}
