package dev.itf.runner.auth;

/** Where credentials go: the request being built. */
public interface AuthTarget {
    void header(String name, String value);

    void queryParam(String name, String value);
}
