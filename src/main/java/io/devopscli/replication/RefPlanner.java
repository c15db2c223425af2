package io.devopscli.replication;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;

/**
 * Decides, per ref, what a secondary needs: create, fast-forward, delete, nothing, or refuse (diverged
 * branch, moved tag) unless forced. Reads ancestry from the cache; sends nothing.
 */
final class RefPlanner {
    private final History history;

    RefPlanner(History history) {
        this.history = history;
    }

    /** One ref's decision; pushes() when it needs a ref update on the secondary. */
    record PlannedRef(String ref, RefOutcome intended, ObjectId oldId, ObjectId newId, Integer commits,
                      boolean forced, String detail) {
        boolean pushes() {
            return intended == RefOutcome.CREATED || intended == RefOutcome.UPDATED || intended == RefOutcome.DELETED;
        }

        RefResult result(RefOutcome outcome, String why) {
            return new RefResult(ref, outcome, name(oldId), name(newId), outcome.ok() ? commits : null,
                    forced && outcome.ok(), why);
        }

        RefResult result() {
            return result(intended, detail);
        }

        private static String name(ObjectId id) {
            return id == null ? null : id.name();
        }
    }

    /**
     * desired: the refs the secondary should have; actual: what it has (refs/heads and refs/tags only);
     * deleteOthers: delete the secondary's refs that desired lacks (a full mirror).
     */
    List<PlannedRef> plan(Map<String, ObjectId> desired, Map<String, ObjectId> actual, boolean deleteOthers,
                          boolean force) throws IOException {
        TreeSet<String> names = new TreeSet<>(desired.keySet());
        if (deleteOthers) {
            names.addAll(actual.keySet());
        }
        List<PlannedRef> plan = new ArrayList<>();
        for (String ref : names) {
            ObjectId want = desired.get(ref);
            ObjectId have = actual.get(ref);
            if (want == null && have == null) {
                plan.add(new PlannedRef(ref, RefOutcome.UP_TO_DATE, null, null, null, false, "already absent"));
            } else if (want == null) {
                plan.add(new PlannedRef(ref, RefOutcome.DELETED, have, null, null, false, "not in the primary"));
            } else if (have == null) {
                plan.add(new PlannedRef(ref, RefOutcome.CREATED, null, want, null, false, ""));
            } else if (have.equals(want)) {
                plan.add(new PlannedRef(ref, RefOutcome.UP_TO_DATE, have, want, null, false, ""));
            } else {
                plan.add(change(ref, have, want, force));
            }
        }
        return plan;
    }

    private PlannedRef change(String ref, ObjectId have, ObjectId want, boolean force) throws IOException {
        boolean tag = ref.startsWith(Constants.R_TAGS);
        // A secondary commit we do not hold is not in the primary, so it cannot be an ancestor of want.
        boolean fastForward = !tag && history.isAncestor(have, want);
        if (fastForward) {
            return new PlannedRef(ref, RefOutcome.UPDATED, have, want, history.count(want, have), false, "");
        }
        String why = tag ? "the tag points elsewhere on the secondary"
                : "the secondary's " + have.abbreviate(7).name() + " is not an ancestor of the primary's "
                        + want.abbreviate(7).name();
        if (force) {
            return new PlannedRef(ref, RefOutcome.UPDATED, have, want, null, true, "forced: " + why);
        }
        return new PlannedRef(ref, RefOutcome.DIVERGED, have, want, null, false, why + " (--force replaces it)");
    }
}
