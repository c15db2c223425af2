package io.devopscli.engine;

import java.util.List;
import java.util.Optional;

/**
 * The plan for one resource: what to do, which fields differ, the ids of duplicates (other owned
 * resources answering to the same logical resource, which up removes and down deletes too), and, when
 * the action comes from a parent's replacement rather than from the resource's own fields, that parent
 * (see {@link ReplacementCascade}). Plans are data.
 */
public record Change(ResourceKey key, Action action, List<FieldChange> fields, List<String> duplicates,
                     Optional<Cascade> cascade) {
    public Change {
        fields = List.copyOf(fields);
        duplicates = List.copyOf(duplicates);
    }

    public Change(ResourceKey key, Action action, List<FieldChange> fields, List<String> duplicates) {
        this(key, action, fields, duplicates, Optional.empty());
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
        return new Change(key, action, fields, ids, cascade);
    }

    /** The same resource, fields and cause with another action (a replacement's delete, then its create). */
    public Change with(Action newAction) {
        return new Change(key, newAction, fields, duplicates, cascade);
    }

    /** This change as part of a cascade: replaced or re-pointed because parent is replaced. */
    public Change cascaded(Action newAction, ResourceKey parent, ResourceKey root) {
        return new Change(key, newAction, fields, duplicates, Optional.of(new Cascade(parent, root)));
    }

    /** Whether applying this plan changes anything: its action, or duplicates to remove. */
    public boolean mutates() {
        return action.mutates() || !duplicates.isEmpty();
    }

    /** Whether this is an update that only re-points the resource at a replaced parent (and its own drift). */
    public boolean repoints() {
        return action == Action.UPDATE && cascade.isPresent();
    }

    /** "replaced because ec2/vpc vpc is replaced", or empty when the change is the resource's own. */
    public String reason() {
        return cascade.map(c -> (action == Action.REPLACE ? "replaced" : "re-pointed") + " because "
                + c.parent().type() + " " + c.parent().name()
                + (c.parent().region().equals(key.region()) ? "" : " in " + c.parent().region()) + " is replaced")
                .orElse("");
    }

    /**
     * Why a resource is in a replacement cascade: the replaced parent it depends on directly, and the
     * resource whose own change started the cascade (the VPC whose CIDR changed).
     */
    public record Cascade(ResourceKey parent, ResourceKey root) {}
}
