package io.devopscli.engine;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Applies a region's plan when it replaces something: the old resources go first (dependents before
 * their parents), then the forward pass creates them again, re-points what refers to them, and applies
 * the rest. See ReplacementCascade for how the plan got there.
 */
final class ReplacingApply {
    private final DagExecutor executor;
    private final NodeWork work;
    private final CascadeRule cascadeRule;

    ReplacingApply(DagExecutor executor, NodeWork work, CascadeRule cascadeRule) {
        this.executor = executor;
        this.work = work;
        this.cascadeRule = cascadeRule;
    }

    /**
     * The first half of every replacement (a cascade's, or one resource's): the old resources are deleted,
     * dependents before what they depend on, so a VPC goes after its subnets, gateways and groups. Delete
     * first, not create first: a new copy would answer to the same name tag as the old one (our creates
     * look for an owned one by it, to finish an interrupted run), and names that are unique (a load
     * balancer's, a target group's, a service's in its cluster) must be free first. Answers the
     * replacements that were not deleted: they are not created again in the second half, and whatever
     * depends on them is skipped, so a failure leaves the old resource in place for the next up.
     */
    CompletableFuture<Map<ResourceKey, NodeResult>> deleteReplaced(RegionPlan rp, Map<ResourceKey, Change> changes,
                                                                   List<ResourceKey> reversed,
                                                                   Map<ResourceKey, NodeResult> preset) {
        java.util.Set<ResourceKey> replaced = new java.util.HashSet<>();
        changes.values().stream().filter(c -> c.action() == Action.REPLACE).forEach(c -> replaced.add(c.key()));
        if (replaced.isEmpty()) {
            return CompletableFuture.completedFuture(Map.of());
        }
        RegionGraph graph = rp.graph();
        // An unread resource (preset) below a replaced one blocks its delete: it may be what holds it.
        return executor.run(reversed, graph::dependentsOf, key -> replaced.contains(key)
                        ? work.perform(graph.node(key), changes.get(key).with(Action.DELETE), rp.observed().get(key),
                                graph.context(), Action.REPLACE, "replacing", " (deleting the old one)")
                        : new NodeResult(key, Action.NOOP, NodeResult.Outcome.UNCHANGED, "", 0, null), preset)
                .thenApply(results -> {
                    Map<ResourceKey, NodeResult> notDeleted = new HashMap<>();
                    results.stream().filter(r -> replaced.contains(r.key()) && r.outcome() != NodeResult.Outcome.DONE)
                            .forEach(r -> notDeleted.put(r.key(), new NodeResult(r.key(), Action.REPLACE, r.outcome(),
                                    r.message(), r.millis(), r.error())));
                    return notDeleted;
                });
    }

    /** The second half: create what was deleted to be replaced, re-point what refers to it, apply the rest. */
    NodeResult forward(Node<?, ?> node, Change change, Object observed, RegionContext ctx,
                       Map<ResourceKey, CompletableFuture<NodeResult>> renewed) {
        if (change != null && change.action() == Action.REPLACE) {
            NodeResult created = work.perform(node, change.with(Action.CREATE), null, ctx, Action.REPLACE, "replacing",
                    " (creating the new one)");
            renewed.get(node.key()).complete(created);
            return created;
        }
        if (change != null && change.repoints()) {
            Optional<NodeResult> blocked = awaitOtherRegions(node.key(), renewed);
            return blocked.isPresent() ? blocked.get() : repoint(node, change, ctx);
        }
        return work.applyNode(node, change, observed, ctx);
    }

    /**
     * What another region replaces and this resource refers to (CascadeRule.refersAcrossRegions) must be
     * there before it is re-pointed: regions run in parallel, and no edge of this region's graph says so.
     * Only re-points wait, never a replacement, so two regions never wait for each other.
     */
    private Optional<NodeResult> awaitOtherRegions(ResourceKey key,
                                                   Map<ResourceKey, CompletableFuture<NodeResult>> renewed) {
        for (Map.Entry<ResourceKey, CompletableFuture<NodeResult>> e : renewed.entrySet()) {
            if (e.getKey().region().equals(key.region()) || !cascadeRule.refersAcrossRegions(key, e.getKey())) {
                continue;
            }
            NodeResult parent = e.getValue().join();
            if (parent.outcome() != NodeResult.Outcome.DONE) {
                return Optional.of(new NodeResult(key, Action.UPDATE, NodeResult.Outcome.SKIPPED, "skipped re-pointing "
                        + key.describe() + ": " + e.getKey() + " was not replaced", 0, null));
            }
        }
        return Optional.empty();
    }

    /**
     * A resource that refers to a replaced parent by its id or DNS name: read again now that the parent
     * is new, and brought in line by its own diff (which also covers any drift of its own). A diff that
     * now needs a replacement was not in the plan the operator saw, so it is not carried out.
     */
    private NodeResult repoint(Node<?, ?> node, Change planned, RegionContext ctx) {
        Node.Observed now;
        try {
            now = node.observe(ctx);
        } catch (RuntimeException e) {
            return NodeResult.failed(node.key(), Action.UPDATE, "re-pointing (reading)", e, 0);
        }
        Change fresh = now.change();
        if (fresh.action() == Action.REPLACE) {
            return new NodeResult(node.key(), Action.UPDATE, NodeResult.Outcome.FAILED, "re-pointing "
                    + node.key().describe() + ": it now needs a replacement the plan did not show ("
                    + String.join(", ", fresh.fields().stream().filter(FieldChange::immutable).map(FieldChange::field)
                    .toList()) + "); run up again to see the new plan", 0, null);
        }
        if (!fresh.action().mutates()) {
            return new NodeResult(node.key(), Action.UPDATE, NodeResult.Outcome.UNCHANGED, "", 0, null);
        }
        return work.perform(node, fresh, now.actual(), ctx, Action.UPDATE, NodeWork.verb(fresh.action()), " (re-pointing it)");
    }
}
