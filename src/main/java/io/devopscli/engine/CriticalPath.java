package io.devopscli.engine;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The longest path through one region's plan, each change weighted by how long it holds up its
 * dependents: what sets the apply's wall time, since regions and independent branches run in parallel.
 * Pure: the weights come from the caller (documented AWS provisioning times for an estimate, one call
 * per resource for a benchmark's lower bound).
 */
public final class CriticalPath {
    private final Map<ResourceKey, Double> finish = new HashMap<>();
    private final Map<ResourceKey, ResourceKey> before = new HashMap<>();
    private final RegionGraph graph;

    /** @param seconds how long a change holds up its dependents (0 for a noop) */
    public CriticalPath(RegionPlan plan, ToDoubleFunction<Change> seconds) {
        this.graph = plan.graph();
        Map<ResourceKey, Change> changes = new HashMap<>();
        plan.changes().forEach(c -> changes.put(c.key(), c));
        for (Node<?, ?> n : graph.nodes()) { // insertion order is topological
            double start = 0;
            ResourceKey slowest = null;
            for (ResourceKey parent : n.dependsOn()) {
                double f = finish.getOrDefault(parent, 0.0);
                if (slowest == null || f > start) {
                    start = f;
                    slowest = parent;
                }
            }
            Change c = changes.get(n.key());
            double own = c == null || !c.action().mutates() ? 0 : seconds.applyAsDouble(c);
            finish.put(n.key(), start + own);
            before.put(n.key(), slowest);
        }
    }

    /** When the node is done, counted from the apply's start. */
    public double finish(ResourceKey key) {
        return finish.getOrDefault(key, 0.0);
    }

    /** The node that finishes last. */
    public ResourceKey last() {
        return finish.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse(null);
    }

    /** The chain of nodes ending at key, first to last, each after the parent that finished last. */
    public List<ResourceKey> chainTo(ResourceKey key) {
        List<ResourceKey> chain = new ArrayList<>();
        for (ResourceKey k = key; k != null; k = before.get(k)) {
            chain.add(k);
        }
        Collections.reverse(chain);
        return chain;
    }

    public RegionGraph graph() {
        return graph;
    }
}
