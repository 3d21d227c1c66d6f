package dev.itf.validation;

/**
 * One thing wrong with a resource: the field path ({@code spec.cases[3].steps[0].http.auth}), what is wrong, and the
 * condition reason it gives when it is the first problem ({@code InvalidSpec}, {@code SecretNotFound}, ...).
 */
public record Problem(String path, String message, String reason) {

    public static final String INVALID_SPEC = "InvalidSpec";

    public Problem(String path, String message) {
        this(path, message, INVALID_SPEC);
    }

    @Override
    public String toString() {
        return path + ": " + message;
    }
}
