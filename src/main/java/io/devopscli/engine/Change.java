package io.devopscli.engine;

import java.util.List;

/** The plan for one resource: what to do and which fields differ. Plans are data. */
public record Change(ResourceKey key, Action action, List<FieldChange> fields) {
    public Change {
        fields = List.copyOf(fields);
    }

    public static Change of(ResourceKey key, List<FieldChange> fields) {
        if (fields.isEmpty()) {
            return new Change(key, Action.NOOP, fields);
        }
        boolean replace = fields.stream().anyMatch(FieldChange::immutable);
        return new Change(key, replace ? Action.REPLACE : Action.UPDATE, fields);
    }
}
