package io.devopscli.resources;

/**
 * What the tool needs to know of a resource type beyond its verbs, said by the type's own spec: how
 * long AWS takes to make one (the dry run's apply time estimate) and whether replacing or deleting it
 * needs --allow-replace. Read from the node, so adding a type touches only its package and its layer's
 * line; a spec that does not implement this is an ordinary, quick, unguarded resource.
 */
public interface ResourceTraits {
    /** A create or update of a few calls at AWS's 30 to 100 ms each. */
    double ORDINARY_SECONDS = 1;

    /** Seconds a create (or replacement) holds up its dependents on AWS (documented provisioning times). */
    default double secondsToCreateOnAws() {
        return ORDINARY_SECONDS;
    }

    /** Seconds an update holds up its dependents on AWS. */
    default double secondsToUpdateOnAws() {
        return ORDINARY_SECONDS;
    }

    /**
     * Stateful or slow to bring back (a VPC takes everything in it along, a NAT gateway or load balancer
     * minutes and a new address, a hosted zone new name servers, a repository its data): up replaces or
     * deletes it only with --allow-replace or a "yes" typed on a terminal.
     */
    default boolean guardedAgainstReplace() {
        return false;
    }
}
