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
