package io.devopscli.engine;

import java.util.List;
import java.util.Optional;

/**
 * One class per resource type. A reconciler says how to read, compare, create and delete its resource;
 * the engine owns the lifecycle around those verbs (see Node): it refuses what is not ours, adopts what an
 * interrupted run left before creating, turns a diff into a replacement for a reconciler that cannot update
 * (one that does not implement {@link Updatable}), and runs declarative waits ({@link WaitFor}).
 *
 * @param <S> the desired spec, pure data derived from the topology
 * @param <A> what observe finds in the cloud
 */
public interface Reconciler<S, A> {

    /**
     * Read-only: the resource found by its ownership tags or stable name, or empty. A resource found by a
     * name anyone could hold may be someone else's: {@link #owned} says whether it is ours.
     */
    Optional<A> observe(S spec, RegionContext ctx);

    /**
     * Every resource answering to this spec, the oldest first (or by id where the API gives no creation
     * time). More than one owned is a duplicate (a race or a hand-made copy): the engine keeps one and
     * removes the others. Reconcilers that find resources by tags override this; the default is observe.
     */
    default List<A> observeAll(S spec, RegionContext ctx) {
        return observe(spec, ctx).map(List::of).orElse(List.of());
    }

    /**
     * Whether what observe found carries our ownership tag (devops-cli:project=&lt;project&gt;). The engine
     * asks it once per observation: what is not ours is never modified, adopted or deleted, and creating
     * over it fails naming it. The default suits observes that only ever find ours (a describe filtered by
     * our tag); reconcilers that find by a stable name read the tag here.
     */
    default boolean owned(A actual, RegionContext ctx) {
        return true;
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
     * Creates the resource and waits until it is ready. The engine has just looked for an owned one (and
     * adopted it) or a stranger's (and refused), so create only creates; where the API takes an
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
