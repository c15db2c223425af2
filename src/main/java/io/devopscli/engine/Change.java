package io.devopscli.engine;

import java.util.List;

/**
 * The plan for one resource: what to do, which fields differ, and the ids of duplicates: other owned
 * resources answering to the same logical resource, which up removes and down deletes too. Plans are data.
 */
public record Change(ResourceKey key, Action action, List<FieldChange> fields, List<String> duplicates) {
    public Change {
        fields = List.copyOf(fields);
        duplicates = List.copyOf(duplicates);
    }

    public Change(ResourceKey key, Action action, List<FieldChange> fields) {
        this(key, action, fields, List.of());
    }

    public static Change of(ResourceKey key, List<FieldChange> fields) {
        if (fields.isEmpty()) {
            return new Change(key, Action.NOOP, fields);
        }
        boolean replace = fields.stream().anyMatch(FieldChange::immutable);
        return new Change(key, replace ? Action.REPLACE : Action.UPDATE, fields);
    }

    public Change withDuplicates(List<String> ids) {
        return new Change(key, action, fields, ids);
    }

    /** Whether applying this plan changes anything: its action, or duplicates to remove. */
    public boolean mutates() {
        return action.mutates() || !duplicates.isEmpty();
    }
}
