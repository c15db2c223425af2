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
    private final String failure;

    public RegionGraph(RegionContext context) {
        this(context, null);
    }

    private RegionGraph(RegionContext context, String failure) {
        this.context = context;
        this.failure = failure;
    }

    /**
     * A region whose graph could not even be built (unreachable, or its zones unreadable): it has no
     * nodes and fails alone, by name, while the other regions are planned and applied.
     */
    public static RegionGraph unreadable(RegionContext context, String reason) {
        return new RegionGraph(context, reason);
    }

    /** Why the region could not be read, when it could not. */
    public java.util.Optional<String> failure() {
        return java.util.Optional.ofNullable(failure);
    }

    /** The key under which an unreadable region reports its failure. */
    public ResourceKey regionKey() {
        return new ResourceKey(region(), "aws/region", region());
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
