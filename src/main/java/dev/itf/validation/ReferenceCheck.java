package dev.itf.validation;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Checks that referenced Secrets and ConfigMaps exist and hold the keys the fields need. */
public final class ReferenceCheck {

    private ReferenceCheck() {
    }

    /**
     * Problems of the references, with reasons SecretNotFound or ConfigMapNotFound. When {@code missingIsProblem} is
     * false an object the lookup does not know is skipped (lint: Secrets are usually created outside the files).
     */
    public static List<Problem> check(List<Reference> references, ObjectLookup lookup, String namespace, boolean missingIsProblem) {
        List<Problem> problems = new ArrayList<>();
        Set<String> missing = new HashSet<>();
        for (Reference r : references) {
            if (r.name() == null || r.name().isBlank()) {
                continue;
            }
            Set<String> keys = lookup.keys(r.kind(), r.name());
            if (keys == null) {
                // a field that needs two keys of one Secret reports the missing Secret once
                if (missingIsProblem && missing.add(r.path() + "/" + r.name())) {
                    problems.add(new Problem(r.path(), r.kind() + " \"" + r.name() + "\" not found"
                            + (namespace == null ? "" : " in namespace \"" + namespace + "\""), r.kind().notFoundReason));
                }
            } else if (r.key() != null && !keys.contains(r.key())) {
                problems.add(new Problem(r.path(), r.kind() + " \"" + r.name() + "\" has no key \"" + r.key() + "\"",
                        r.kind().notFoundReason));
            }
        }
        return problems;
    }
}
