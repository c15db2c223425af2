package io.devopscli.engine;

import java.util.List;
import java.util.Optional;

/**
 * One class per resource type, the same four verbs everywhere.
 *
 * @param <S> the desired spec, pure data derived from the topology
 * @param <A> what observe finds in the cloud
 */
public interface Reconciler<S, A> {

    /** Read-only: the owned resource found by its ownership tags or stable name, or empty. */
    Optional<A> observe(S spec, RegionContext ctx);

    /**
     * Every owned resource answering to this spec, the oldest first (or by id where the API gives no
     * creation time). More than one is a duplicate (a race or a hand-made copy): the engine keeps one and
     * removes the others. Reconcilers that find resources by tags override this; the default is observe.
     */
    default List<A> observeAll(S spec, RegionContext ctx) {
        return observe(spec, ctx).map(List::of).orElse(List.of());
    }

    /** Whether dependents use this resource (a VPC with our subnets in it): of duplicates, it is kept. */
    default boolean inUse(A actual, RegionContext ctx) {
        return false;
    }

    /** Pure: the fields where actual differs from desired. An immutable field forces replacement. */
    List<FieldChange> diff(S spec, A actual);

    /** Creates the resource and waits until it is ready. Idempotent: reuses an owned one if found. */
    A create(S spec, RegionContext ctx);

    /** Brings an existing resource in line with the spec and waits until it is ready. */
    A update(S spec, A actual, List<FieldChange> changes, RegionContext ctx);

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
