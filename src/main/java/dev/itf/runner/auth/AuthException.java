package dev.itf.runner.auth;

/** Credentials of an auth profile could not be made (a missing secret, a refused token request): the step errors with kind auth. */
public class AuthException extends Exception {
    public AuthException(String message, Throwable cause) {
        super(message, cause);
    }
}
