package dev.itf.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** HTTP header fields in the order given or received; names compare without case. */
public final class Headers {

    /** Fields the client writes itself, as the JDK client refuses them too. */
    private static final Set<String> RESTRICTED = Set.of("connection", "content-length", "expect", "host", "upgrade");

    private final List<String> names = new ArrayList<>();
    private final List<String> values = new ArrayList<>();

    /** Adds a field a caller set: throws IllegalArgumentException for a bad name or value, or one the client writes itself. */
    public Headers add(String name, String value) {
        check(name, value);
        return addReceived(name, value);
    }

    /** Adds a field as a server sent it (no checks): for responses read by another transport. */
    public Headers addReceived(String name, String value) {
        names.add(name);
        values.add(value);
        return this;
    }

    /** The first value of the field, or null. */
    public String first(String name) {
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).equalsIgnoreCase(name)) {
                return values.get(i);
            }
        }
        return null;
    }

    public boolean contains(String name) {
        return first(name) != null;
    }

    /** Every value of the field, in order. */
    public List<String> all(String name) {
        List<String> out = new ArrayList<>(1);
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).equalsIgnoreCase(name)) {
                out.add(values.get(i));
            }
        }
        return out;
    }

    public int size() {
        return names.size();
    }

    public String name(int i) {
        return names.get(i);
    }

    public String value(int i) {
        return values.get(i);
    }

    /** The fields by name (case-insensitive), each with its values in order. */
    public Map<String, List<String>> map() {
        Map<String, List<String>> m = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (int i = 0; i < names.size(); i++) {
            m.computeIfAbsent(names.get(i), k -> new ArrayList<>(1)).add(values.get(i));
        }
        return m;
    }

    /** A copy without the named fields. */
    Headers without(Set<String> lowerCaseNames) {
        Headers h = new Headers();
        for (int i = 0; i < names.size(); i++) {
            if (!lowerCaseNames.contains(names.get(i).toLowerCase(java.util.Locale.ROOT))) {
                h.addReceived(names.get(i), values.get(i));
            }
        }
        return h;
    }

    static void check(String name, String value) {
        if (name == null || name.isEmpty() || !isToken(name)) {
            throw new IllegalArgumentException("invalid header name: \"" + name + "\"");
        }
        if (RESTRICTED.contains(name.toLowerCase(java.util.Locale.ROOT))) {
            throw new IllegalArgumentException("restricted header name: \"" + name + "\"");
        }
        if (value == null) {
            throw new IllegalArgumentException("invalid header value for " + name + ": null");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\r' || c == '\n' || c == 0 || (c < 0x20 && c != '\t') || c == 0x7f) {
                throw new IllegalArgumentException("invalid header value for " + name + ": control characters are not allowed");
            }
        }
    }

    private static boolean isToken(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return map().toString();
    }
}
