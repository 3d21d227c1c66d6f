package dev.itf.runner;

/** A template could not be rendered: an undefined variable or a bad function call. The step errors. */
public class TemplateException extends RuntimeException {
    public TemplateException(String message) {
        super(message);
    }
}
