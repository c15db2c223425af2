package io.devopscli.engine;

import java.util.List;
import java.util.Map;

/**
 * The changes one region needs, what observe found for each resource (kept so apply need not observe
 * again), and the resources that could not be observed at all.
 */
public record RegionPlan(RegionGraph graph, List<Change> changes, Map<ResourceKey, Object> observed,
                         List<NodeResult> observeFailures, Map<ResourceKey, List<Object>> duplicates) {
    public RegionPlan {
        changes = List.copyOf(changes);
        observed = java.util.Collections.unmodifiableMap(new java.util.HashMap<>(observed));
        observeFailures = List.copyOf(observeFailures);
        duplicates = Map.copyOf(duplicates);
    }

    public RegionPlan(RegionGraph graph, List<Change> changes, Map<ResourceKey, Object> observed,
                      List<NodeResult> observeFailures) {
        this(graph, changes, observed, observeFailures, Map.of());
    }

    public String region() {
        return graph.region();
    }

    public boolean hasChanges() {
        return changes.stream().anyMatch(Change::mutates);
    }

    /** Resources that could not be read (FAILED) or were not checked because a parent could not (SKIPPED). */
    public long countUnread(NodeResult.Outcome outcome) {
        return observeFailures.stream().filter(f -> f.outcome() == outcome).count();
    }

    /** Resources with more than one owned copy: duplicates to remove. */
    public long countDuplicated() {
        return changes.stream().filter(c -> !c.duplicates().isEmpty()).count();
    }

    public long count(Action action) {
        return changes.stream().filter(c -> c.action() == action).count();
    }
}
