package dev.itf.runner.auth;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** The credentials of an auth profile as a request carries them: headers and query parameters. Values are secrets. */
public record AppliedAuth(Map<String, String> headers, Map<String, String> query) {

    public static AppliedAuth none() {
        return new AppliedAuth(Map.of(), Map.of());
    }

    public boolean isEmpty() {
        return headers.isEmpty() && query.isEmpty();
    }

    /** Collects what a profile adds to a request. */
    static final class Collector implements AuthTarget {
        final Map<String, String> headers = new LinkedHashMap<>();
        final Map<String, String> query = new LinkedHashMap<>();

        @Override
        public void header(String name, String value) {
            headers.put(name, value);
        }

        @Override
        public void queryParam(String name, String value) {
            query.put(name, value);
        }

        AppliedAuth done() {
            return new AppliedAuth(Collections.unmodifiableMap(headers), Collections.unmodifiableMap(query));
        }
    }
}
