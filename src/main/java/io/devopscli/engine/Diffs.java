package io.devopscli.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** A small builder that keeps reconcilers' diff functions to one line per field. */
public final class Diffs {
    private final List<FieldChange> changes = new ArrayList<>();

    public Diffs field(String name, Object desired, Object actual) {
        if (!Objects.equals(desired, actual)) {
            changes.add(FieldChange.of(name, desired, actual));
        }
        return this;
    }

    /**
     * An immutable field differs only on evidence: an actual value the API did not return (null) is
     * unknown, and never a reason to replace the resource.
     */
    public Diffs immutable(String name, Object desired, Object actual) {
        if (actual != null && !Objects.equals(desired, actual)) {
            changes.add(FieldChange.immutable(name, desired, actual));
        }
        return this;
    }

    public List<FieldChange> toList() {
        return List.copyOf(changes);
    }
}
