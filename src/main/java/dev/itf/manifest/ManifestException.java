package dev.itf.manifest;

import java.nio.file.Path;

/** A file that is not readable YAML; the message names the file and, when known, the line and column. */
public class ManifestException extends Exception {

    private final Path file;
    private final Position position;
    private final String reason;

    public ManifestException(Path file, Position position, String reason) {
        super(file + (position == null ? "" : ":" + position) + ": " + reason);
        this.file = file;
        this.position = position;
        this.reason = reason;
    }

    public Path file() {
        return file;
    }

    /** Where the problem is, or null when the file could not be read at all. */
    public Position position() {
        return position;
    }

    /** What is wrong, without the file and position. */
    public String reason() {
        return reason;
    }
}
