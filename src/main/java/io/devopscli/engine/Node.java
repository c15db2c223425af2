package io.devopscli.engine;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One vertex of a region's graph: a key, a reconciler with its spec, and the keys it depends on.
 * Type parameters are hidden behind these methods so the executor can treat every node alike.
 */
public final class Node<S, A> {
    private final ResourceKey key;
    private final Reconciler<S, A> reconciler;
    private final S spec;
    private final Set<ResourceKey> dependsOn;
    /** What foreign() answered while the plan was read (null: not asked, as for a plan of down; ask before creating). */
    private volatile Optional<String> foreignAtPlan;

    public Node(ResourceKey key, Reconciler<S, A> reconciler, S spec, Set<ResourceKey> dependsOn) {
        this.key = key;
        this.reconciler = reconciler;
        this.spec = spec;
        this.dependsOn = Set.copyOf(dependsOn);
    }

    public ResourceKey key() {
        return key;
    }

    public S spec() {
        return spec;
    }

    public Set<ResourceKey> dependsOn() {
        return dependsOn;
    }

    public Reconciler<S, A> reconciler() {
        return reconciler;
    }

    /** Observes and diffs: the node's change, with the observed resource kept for apply. */
    public Observed observe(RegionContext ctx) {
        return observe(ctx, false);
    }

    /**
     * Observes and diffs; planning to create, also asks {@link Reconciler#foreign} for what it would create
     * (a stranger's resource at our name) now, while every node is read in parallel, rather than on the
     * create's own path. The answer is kept for apply.
     */
    public Observed observe(RegionContext ctx, boolean planningToCreate) {
        foreignAtPlan = null;
        List<A> all = reconciler.observeAll(spec, ctx);
        if (all.isEmpty()) {
            if (planningToCreate) {
                foreignAtPlan = foreignAtPlan(ctx);
            }
            return new Observed(new Change(key, Action.CREATE, List.of()), null, List.of());
        }
        A kept = keeper(all, ctx);
        List<Object> duplicates = all.stream().filter(a -> a != kept).map(a -> (Object) a).toList();
        ctx.publish(key, reconciler.id(kept), kept);
        Change change = Change.of(key, diff(kept, ctx)).withDuplicates(duplicates.stream().map(this::idOf).toList());
        return new Observed(change, kept, duplicates);
    }

    /**
     * The reconciler's diff against the parents' ids resolved here, with its capabilities applied: for one
     * that cannot update in place, every difference is a replacement.
     */
    List<FieldChange> diff(A actual, RegionContext ctx) {
        java.util.Set<ResourceKey> parents = new java.util.LinkedHashSet<>(dependsOn);
        parents.addAll(reconciler.references(spec));
        List<FieldChange> fields = reconciler.diff(spec, actual, Refs.of(ctx, parents));
        return reconciler instanceof Updatable ? fields : fields.stream().map(FieldChange::forcingReplacement).toList();
    }

    /**
     * Of several owned resources for one spec, the one to keep: the one in use (dependents refer to it),
     * else one that matches the spec without a replacement (a subnet in the kept VPC), else the oldest.
     */
    private A keeper(List<A> all, RegionContext ctx) {
        if (all.size() == 1) {
            return all.get(0);
        }
        return all.stream().filter(a -> reconciler.inUse(a, ctx)).findFirst()
                .or(() -> all.stream().filter(a -> diff(a, ctx).stream().noneMatch(FieldChange::immutable)).findFirst())
                .orElse(all.get(0));
    }

    /** The physical id of an observed resource of this node. */
    @SuppressWarnings("unchecked")
    public String idOf(Object observed) {
        return observed == null ? "" : reconciler.id((A) observed);
    }

    /** Deletes a duplicate observe found (another owned resource answering to this spec). */
    @SuppressWarnings("unchecked")
    public void deleteDuplicate(Object duplicate, RegionContext ctx) {
        delete((A) duplicate, ctx);
    }

    /** Carries out the planned change; publishes the resulting id for dependents. */
    @SuppressWarnings("unchecked")
    public void apply(Change change, Object observed, RegionContext ctx) {
        A actual = (A) observed;
        A result = switch (change.action()) {
            case NOOP -> actual;
            case CREATE -> createUnlessForeign(ctx);
            case UPDATE -> update(actual, change.fields(), ctx);
            case REPLACE -> {
                delete(actual, ctx);
                yield reconciler.create(spec, ctx);
            }
            case DELETE -> {
                delete(actual, ctx);
                yield null;
            }
        };
        if (result != null) {
            ctx.publish(key, reconciler.id(result), result);
        }
    }

    private void delete(A actual, RegionContext ctx) {
        reconciler.delete(actual, ctx);
    }

    /**
     * Creates what the plan found missing, without looking again: a plan is applied only under the project
     * lock, read either under it or with the lock unchanged since before its reads (ProjectLock), so no
     * run of ours made it since; what an interrupted run left, the plan's observe found and adopted (kept,
     * updated or replaced like anything observed). One answering to our name without our ownership tag
     * stops the create, naming it, and is never touched.
     */
    private A createUnlessForeign(RegionContext ctx) {
        Optional<String> asked = foreignAtPlan;
        Optional<String> foreign = asked != null ? asked : reconciler.foreign(spec, ctx);
        if (foreign.isPresent()) {
            throw new NotOursException(key.describe() + ": " + foreign.get() + " already exists and is not owned by"
                    + " devops-cli (no ownership tag for project " + ctx.project() + "); it is neither adopted,"
                    + " changed nor deleted: rename ours or remove it by hand");
        }
        return reconciler.create(spec, ctx);
    }

    /**
     * The stranger's id at our name, asked while planning. A check that needs a parent still to be created
     * in this run (a service's cluster) has its answer already: nothing of anyone's can be inside a
     * resource that does not exist yet.
     */
    private Optional<String> foreignAtPlan(RegionContext ctx) {
        try {
            return reconciler.foreign(spec, ctx);
        } catch (RegionContext.MissingId parentToCome) {
            return Optional.empty();
        }
    }

    private A update(A actual, List<FieldChange> fields, RegionContext ctx) {
        if (!(reconciler instanceof Updatable) || fields.stream().anyMatch(FieldChange::immutable)) {
            // the plan replaces such a change; reaching here is a bug to stop at once
            throw new IllegalStateException(key.describe() + " can only be replaced to change " + fields);
        }
        @SuppressWarnings("unchecked")
        Updatable<S, A> updatable = (Updatable<S, A>) reconciler;
        return updatable.update(spec, actual, fields, ctx);
    }

    /** Whether the observed resource holds data that down keeps unless purging. */
    @SuppressWarnings("unchecked")
    public boolean holdsData(Object observed) {
        return observed != null && reconciler.holdsData((A) observed);
    }

    /** A resource at our name without our ownership tag: never adopted, modified or deleted. */
    public static final class NotOursException extends IllegalStateException {
        public NotOursException(String message) {
            super(message);
        }
    }

    /** What observe found: the planned change and the actual resource (null when missing). */
    public record Observed(Change change, Object actual, List<Object> duplicates) {}
}
