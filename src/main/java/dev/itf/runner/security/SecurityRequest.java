package dev.itf.runner.security;

import java.util.Locale;
import java.util.Set;

/** One endpoint a check applies to, written METHOD PATH (e.g. GET /api/v1/orders); the path may be a full URL. */
record SecurityRequest(String method, String path) {

    private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS");

    /** Parses rendered text; the error names the field and the form expected. */
    static SecurityRequest parse(String field, String text) {
        String t = text == null ? "" : text.trim();
        int space = t.indexOf(' ');
        String method = space < 0 ? "" : t.substring(0, space).toUpperCase(Locale.ROOT);
        String path = space < 0 ? "" : t.substring(space + 1).trim();
        if (!METHODS.contains(method) || path.isEmpty() || path.contains(" ")
                || !(path.startsWith("/") || path.startsWith("http://") || path.startsWith("https://"))) {
            throw new IllegalArgumentException(field + ": \"" + text + "\" is not METHOD PATH, e.g. GET /api/v1/orders");
        }
        return new SecurityRequest(method, path);
    }

    /** The URL against the step's base URL. */
    String url(String baseUrl) {
        if (path.startsWith("http://") || path.startsWith("https://")) {
            return path;
        }
        String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        return base + path;
    }

    @Override
    public String toString() {
        return method + " " + path;
    }
}
