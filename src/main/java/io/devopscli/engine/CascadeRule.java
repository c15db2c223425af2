package io.devopscli.engine;

/**
 * How a resource takes the replacement of a resource it depends on. The engine asks this of every
 * existing dependent of a replaced resource (transitively) when it plans a replacement cascade.
 * Which answer fits is knowledge of the resource types, so the rules live with them (resources/);
 * the engine only applies them.
 */
@FunctionalInterface
public interface CascadeRule {

    enum Reaction {
        /** It lives in the parent or blocks the parent's delete (a subnet in a VPC): replaced with it. */
        REPLACE,
        /** It holds the parent's id or DNS name in a field an update rewrites (an alarm's dimension). */
        REPOINT,
        /** It refers to the parent by a name the replacement keeps (a pipeline naming a service). */
        KEEP
    }

    Reaction onParentReplaced(ResourceKey dependent, ResourceKey parent);

    /**
     * Whether dependent, in another region's graph, refers to parent although no edge says so (the
     * primary's failover records read the other regions' load balancers by name). Such a dependent is
     * re-pointed when parent is replaced, once the new parent exists.
     */
    default boolean refersAcrossRegions(ResourceKey dependent, ResourceKey parent) {
        return false;
    }

    /** The safe default where nothing is known: every dependent is rebuilt with its parent. */
    CascadeRule REPLACE_ALL = (dependent, parent) -> Reaction.REPLACE;
}
