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

    public Diffs immutable(String name, Object desired, Object actual) {
        if (!Objects.equals(desired, actual)) {
            changes.add(FieldChange.immutable(name, desired, actual));
        }
        return this;
    }

    public List<FieldChange> toList() {
        return List.copyOf(changes);
    }
}
