package dev.itf.runner.security;

import dev.itf.http.Headers;

/** One request a check sent and what came back: the request line (METHOD PATH), status, headers and body text. */
record Exchange(SecurityRequest request, String credential, int status, Headers headers, String body) {

    boolean ok() {
        return status >= 200 && status < 300;
    }

    /** The request line and status, as evidence shows them; the credential by its variant's name only. */
    String line() {
        return request + (credential == null ? "" : " [" + credential + "]") + " -> " + status;
    }
}
