package dev.itf.demo;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Decodes the value of an HTTP basic Authorization header. */
final class BasicCredentials {

    private BasicCredentials() {
    }

    /** user and password from base64("user:password"), or null when it is not that. */
    static String[] decode(String base64) {
        String pair;
        try {
            pair = new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
        int colon = pair.indexOf(':');
        return colon < 0 ? null : new String[] {pair.substring(0, colon), pair.substring(colon + 1)};
    }
}
