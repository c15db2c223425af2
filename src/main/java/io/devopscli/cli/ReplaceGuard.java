package io.devopscli.cli;

import io.devopscli.engine.Action;
import io.devopscli.engine.Change;
import io.devopscli.engine.Node;
import io.devopscli.engine.Plan;
import io.devopscli.engine.RegionPlan;
import io.devopscli.resources.ResourceTraits;
import java.util.List;

/**
 * What up must not replace or delete on --yes alone: resources that are stateful or slow to bring back
 * (a VPC takes everything in it along, a NAT gateway or load balancer minutes and a new address, a hosted
 * zone new name servers), as the node's spec says (ResourceTraits.guardedAgainstReplace). Such a plan
 * needs --allow-replace, or a "yes" typed on a terminal.
 * Removing a duplicate is not in this list: the copy is not the one in use.
 */
final class ReplaceGuard {
    private ReplaceGuard() {
    }

    /** The guarded resources this plan replaces or deletes. */
    static List<Change> guarded(Plan plan) {
        return plan.regions().stream().flatMap(rp -> rp.changes().stream()
                        .filter(c -> c.action() == Action.REPLACE || c.action() == Action.DELETE)
                        .filter(c -> guarded(rp, c)))
                .toList();
    }

    /** Whether the node's spec says it is guarded (ResourceTraits): the type decides, in its own package. */
    private static boolean guarded(RegionPlan rp, Change c) {
        Node<?, ?> node = rp.graph().node(c.key());
        return node != null && node.spec() instanceof ResourceTraits traits && traits.guardedAgainstReplace();
    }

    static String describe(List<Change> changes) {
        return String.join(", ", changes.stream().map(c -> c.action().label() + " " + c.key().describe()).toList());
    }
}
