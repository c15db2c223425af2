package io.devopscli.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Plans what a replacement takes along. A resource whose own diff is a replacement (a VPC whose CIDR
 * changed) gets a new id, so every existing resource that depends on it, transitively within its region's
 * graph, is planned as the {@link CascadeRule} says: replaced too (a subnet, and the NAT gateway in the
 * subnet, and so on), re-pointed by an update (an alarm naming the load balancer), or kept (a pipeline
 * naming a service). Only a replaced resource carries the cascade on to its own dependents.
 * A cascade that would replace something holding data is refused as a whole: the resource that starts
 * it fails (its dependents are then skipped), with what to do instead. Pure: no AWS call.
 */
public final class ReplacementCascade {

    /** The region's changes with the cascades folded in, and the replacements refused. */
    public record Result(List<Change> changes, List<NodeResult> refused) {}

    private ReplacementCascade() {
    }

    public static Result plan(RegionGraph graph, List<Change> planned, Map<ResourceKey, Object> observed,
                              CascadeRule rule) {
        Map<ResourceKey, Change> changes = new LinkedHashMap<>();
        planned.forEach(c -> changes.put(c.key(), c));
        List<NodeResult> refused = new ArrayList<>();
        Map<ResourceKey, Change> cascaded = new LinkedHashMap<>();
        for (Node<?, ?> n : graph.nodes()) { // insertion order is topological: roots before what they reach
            Change own = changes.get(n.key());
            if (own == null || own.action() != Action.REPLACE || cascaded.containsKey(n.key())) {
                continue; // a replacement reached by an earlier cascade is planned as part of that one
            }
            Map<ResourceKey, Change> reach = reach(graph, n.key(), changes, rule);
            List<ResourceKey> holders = reach.entrySet().stream()
                    .filter(e -> e.getValue().action() == Action.REPLACE)
                    .map(Map.Entry::getKey).filter(k -> graph.node(k).holdsData(observed.get(k))).toList();
            if (!holders.isEmpty()) {
                changes.remove(n.key());
                refused.add(refusal(n.key(), holders, reach));
                continue;
            }
            reach.forEach((k, c) -> cascaded.merge(k, c, ReplacementCascade::stronger));
        }
        List<Change> result = new ArrayList<>();
        for (Change c : changes.values()) {
            result.add(cascaded.getOrDefault(c.key(), c));
        }
        return new Result(result, refused);
    }

    /**
     * Every existing resource the replacement of root reaches, with its change in the cascade. Walks the
     * graph in topological order, so a resource is decided after all its parents are.
     */
    private static Map<ResourceKey, Change> reach(RegionGraph graph, ResourceKey root, Map<ResourceKey, Change> changes,
                                                  CascadeRule rule) {
        Set<ResourceKey> renewed = new LinkedHashSet<>(); // resources that get a new id: root, and what is replaced
        renewed.add(root);
        Map<ResourceKey, Change> reach = new LinkedHashMap<>();
        boolean after = false;
        for (Node<?, ?> n : graph.nodes()) {
            if (n.key().equals(root)) {
                after = true;
                continue;
            }
            Change own = changes.get(n.key());
            if (!after || own == null) {
                continue; // before the root nothing depends on it; unread resources are not planned
            }
            ResourceKey cause = null;
            CascadeRule.Reaction strongest = CascadeRule.Reaction.KEEP;
            for (ResourceKey parent : sorted(n.dependsOn())) {
                if (!renewed.contains(parent)) {
                    continue;
                }
                CascadeRule.Reaction r = rule.onParentReplaced(n.key(), parent);
                if (cause == null || r.ordinal() < strongest.ordinal()) {
                    strongest = r;
                    cause = parent;
                }
            }
            if (cause == null || strongest == CascadeRule.Reaction.KEEP) {
                continue;
            }
            if (own.action() == Action.CREATE) {
                // missing: nothing to delete or re-point, it is created after its parents anyway; what
                // depends on it gets a new id to refer to all the same
                if (strongest == CascadeRule.Reaction.REPLACE) {
                    renewed.add(n.key());
                }
                continue;
            }
            if (strongest == CascadeRule.Reaction.REPLACE) {
                renewed.add(n.key());
                reach.put(n.key(), own.cascaded(Action.REPLACE, cause, root));
            } else if (own.action() != Action.REPLACE) {
                reach.put(n.key(), own.cascaded(Action.UPDATE, cause, root));
            }
        }
        return reach;
    }

    /**
     * Re-points what other regions' graphs hold of a replaced resource (see
     * CascadeRule.refersAcrossRegions): a resource that is there and not itself replaced becomes an update.
     */
    public static List<RegionPlan> acrossRegions(List<RegionPlan> regions, CascadeRule rule) {
        List<Change> replaced = regions.stream().flatMap(r -> r.changes().stream())
                .filter(c -> c.action() == Action.REPLACE).toList();
        if (replaced.isEmpty()) {
            return regions;
        }
        List<RegionPlan> result = new ArrayList<>();
        for (RegionPlan rp : regions) {
            List<Change> changes = new ArrayList<>();
            for (Change c : rp.changes()) {
                Change repointed = c;
                if (c.action() == Action.NOOP || (c.action() == Action.UPDATE && c.cascade().isEmpty())) {
                    for (Change parent : replaced) {
                        if (!parent.key().region().equals(c.key().region())
                                && rule.refersAcrossRegions(c.key(), parent.key())) {
                            repointed = c.cascaded(Action.UPDATE, parent.key(),
                                    parent.cascade().map(Change.Cascade::root).orElse(parent.key()));
                            break;
                        }
                    }
                }
                changes.add(repointed);
            }
            result.add(new RegionPlan(rp.graph(), changes, rp.observed(), rp.observeFailures(), rp.duplicates()));
        }
        return result;
    }

    private static List<ResourceKey> sorted(Set<ResourceKey> keys) {
        return keys.stream().sorted().toList();
    }

    /** Of two cascades reaching one resource, the one that replaces it. */
    private static Change stronger(Change a, Change b) {
        return b.action() == Action.REPLACE && a.action() != Action.REPLACE ? b : a;
    }

    private static NodeResult refusal(ResourceKey root, List<ResourceKey> holders, Map<ResourceKey, Change> reach) {
        String what = String.join(", ", holders.stream()
                .map(k -> k.type() + " " + k.name() + " (" + reach.get(k).reason() + ")").toList());
        return new NodeResult(root, Action.REPLACE, NodeResult.Outcome.FAILED,
                "replacing " + root.describe() + ": refused, it would replace " + what
                        + ", which holds data; restore the old value, or run down --purge first", 0, null);
    }
}
