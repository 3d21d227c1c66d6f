package dev.itf.manifest;

import dev.itf.validation.Problem;

import java.util.List;

/**
 * A document converted to an API type: the object, and the fields that could not be converted (unknown fields,
 * wrong types), which were left out of the object. The object is null only when the document is not an object.
 */
public record Typed<T>(T resource, List<Problem> problems) {

    public boolean ok() {
        return resource != null && problems.isEmpty();
    }
}
