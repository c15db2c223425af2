package io.devopscli.engine;

import java.util.List;
import java.util.Optional;

/**
 * One class per resource type. A reconciler says how to read, compare, create and delete its resource;
 * the engine owns the lifecycle around those verbs (see Node): it adopts what an interrupted run left
 * (what the plan observed is kept, updated or replaced like anything else), refuses to create over what is not ours ({@link #foreign}), plans a diff as a replacement for a
 * reconciler that cannot update (one without {@link Updatable}), resolves the parents' ids diff compares
 * ({@link Referencing}), and runs declarative waits ({@link WaitFor}).
 *
 * @param <S> the desired spec, pure data derived from the topology
 * @param <A> what observe finds in the cloud
 */
public interface Reconciler<S, A> {

    /** Read-only: the owned resource found by its ownership tags or stable name, or empty. */
    Optional<A> observe(S spec, RegionContext ctx);

    /**
     * Every resource answering to this spec, the oldest first (or by id where the API gives no creation
     * time). More than one is a duplicate (a race or a hand-made copy): the engine keeps one and
     * removes the others. Reconcilers that find resources by tags override this; the default is observe.
     */
    default List<A> observeAll(S spec, RegionContext ctx) {
        return observe(spec, ctx).map(List::of).orElse(List.of());
    }

    /**
     * Asked by the engine while the plan is read, when no owned resource answers to the spec: the id of one
     * that holds the spec's stable name without our ownership tag (a same-named queue someone else made).
     * The create refuses to go over it, naming it, and never modifies, adopts or deletes it. The default
     * suits resources found by our tags, or names nobody else can hold. A check that needs the id of a
     * parent still to be created (RegionContext.MissingId) counts as none: nothing of anyone's can be inside
     * a resource that does not exist yet. It is asked right after observe found none of ours, about the
     * same name: a reconciler whose observe and foreign make the same lookup memoises it once per plan
     * and name (ctx.memo), and its creates, updates and waits read afresh.
     */
    default Optional<String> foreign(S spec, RegionContext ctx) {
        return Optional.empty();
    }

    /** Whether dependents use this resource (a VPC with our subnets in it): of duplicates, it is kept. */
    default boolean inUse(A actual, RegionContext ctx) {
        return false;
    }

    /**
     * Pure: the fields where actual differs from desired. An immutable field forces replacement, and so
     * does every field of a reconciler that is not {@link Updatable}.
     */
    List<FieldChange> diff(S spec, A actual);

    /**
     * The graph keys this spec refers to (a subnet's VPC): the engine resolves their ids, with those of the
     * node's dependencies, and hands them to diff as {@link Refs}.
     */
    default java.util.Collection<ResourceKey> references(S spec) {
        return List.of();
    }

    /**
     * The diff the engine asks for, with the parents' ids it resolved (see {@link Refs}). A reconciler whose
     * diff compares references (a subnet's VPC) overrides this one; the plain diff then serves callers that
     * have no graph, and compares ids as they are.
     */
    default List<FieldChange> diff(S spec, A actual, Refs parents) {
        return diff(spec, actual);
    }

    /**
     * Creates the resource and waits until it is ready. The plan, read under the project lock (or with the
     * lock unchanged since), found no owned one, and the engine has just looked for a stranger's (and
     * refused), so create only creates; where the API takes an
     * idempotency token or its answer can be lost, it still passes the token or uses CreateOnce.
     */
    A create(S spec, RegionContext ctx);

    /** Deletes the resource and waits until it is gone; "not found" counts as success. */
    void delete(A actual, RegionContext ctx);

    /** The physical id dependents refer to (vpc-123, an ARN, a name). */
    String id(A actual);

    /**
     * Whether this observed resource holds data (a repository, images, an artifact bucket with objects):
     * down keeps it unless purging. Asked of the actual resource, so an empty bucket can go.
     */
    default boolean holdsData(A actual) {
        return false;
    }
}
