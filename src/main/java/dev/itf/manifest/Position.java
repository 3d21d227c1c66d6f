package dev.itf.manifest;

/** A place in a YAML file, both counted from 1. */
public record Position(int line, int column) {

    @Override
    public String toString() {
        return line + ":" + column;
    }
}
