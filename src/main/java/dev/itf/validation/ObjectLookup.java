package dev.itf.validation;

import java.util.Set;

/** Finds the Secrets and ConfigMaps that references point to: the cluster in the operator, the linted files in lint. */
@FunctionalInterface
public interface ObjectLookup {

    /** The keys of the named object, or null when there is no such object. */
    Set<String> keys(Reference.Kind kind, String name);
}
