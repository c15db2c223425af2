package io.devopscli.engine;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The desired resources of one region and their dependencies: one DAG per region. */
public final class RegionGraph {
    private final RegionContext context;
    private final Map<ResourceKey, Node<?, ?>> nodes = new LinkedHashMap<>();

    public RegionGraph(RegionContext context) {
        this.context = context;
    }

    public RegionContext context() {
        return context;
    }

    public String region() {
        return context.region();
    }

    /** Adds a node; its dependencies must already be in the graph, which also rules out cycles. */
    public <S, A> ResourceKey add(ResourceKey key, Reconciler<S, A> reconciler, S spec, ResourceKey... dependsOn) {
        return add(key, reconciler, spec, List.of(dependsOn));
    }

    public <S, A> ResourceKey add(ResourceKey key, Reconciler<S, A> reconciler, S spec,
                                  Collection<ResourceKey> dependsOn) {
        if (nodes.containsKey(key)) {
            throw new IllegalArgumentException("duplicate resource " + key);
        }
        for (ResourceKey dep : dependsOn) {
            if (!nodes.containsKey(dep)) {
                throw new IllegalArgumentException(key + " depends on unknown " + dep);
            }
        }
        nodes.put(key, new Node<>(key, reconciler, spec, new HashSet<>(dependsOn)));
        return key;
    }

    /** Nodes in insertion order, which is a topological order. */
    public List<Node<?, ?>> nodes() {
        return new ArrayList<>(nodes.values());
    }

    public Node<?, ?> node(ResourceKey key) {
        return nodes.get(key);
    }

    /** The nodes that depend directly on key, for deleting in reverse order. */
    public Set<ResourceKey> dependentsOf(ResourceKey key) {
        Set<ResourceKey> result = new HashSet<>();
        for (Node<?, ?> n : nodes.values()) {
            if (n.dependsOn().contains(key)) {
                result.add(n.key());
            }
        }
        return result;
    }
}
