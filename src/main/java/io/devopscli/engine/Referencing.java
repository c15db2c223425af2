package io.devopscli.engine;

import java.util.Collection;
import java.util.List;

/**
 * The capability of a reconciler whose diff compares references to parents (a subnet's VPC, a route's
 * gateway): it names the keys its spec refers to, and diffs against the ids the engine resolved for them.
 * Its observed state then holds physical ids only. The plain diff compares ids as they are.
 */
public interface Referencing<S, A> extends Reconciler<S, A> {

    @Override
    Collection<ResourceKey> references(S spec);

    @Override
    List<FieldChange> diff(S spec, A actual, Refs parents);

    @Override
    default List<FieldChange> diff(S spec, A actual) {
        return diff(spec, actual, Refs.none());
    }
}
