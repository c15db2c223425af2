package io.devopscli.engine;

import java.util.List;

/**
 * The capability to change a resource in place. A reconciler without it declares that any difference
 * needs a new resource: the engine plans every diff of it as a replacement and never asks it to update.
 */
public interface Updatable<S, A> {

    /**
     * Brings an existing resource in line with the spec and waits until it is ready. Only mutable fields
     * reach it: the engine replaces instead when an immutable one differs.
     */
    A update(S spec, A actual, List<FieldChange> changes, RegionContext ctx);
}
