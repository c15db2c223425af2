package io.devopscli.engine;

import java.util.List;

/** A plan for every region of a run, in topology order. */
public record Plan(List<RegionPlan> regions) {
    public Plan {
        regions = List.copyOf(regions);
    }

    public boolean hasChanges() {
        return regions.stream().anyMatch(RegionPlan::hasChanges);
    }

    public boolean hasObserveFailures() {
        return regions.stream().anyMatch(r -> !r.observeFailures().isEmpty());
    }

    public List<Change> allChanges() {
        return regions.stream().flatMap(r -> r.changes().stream()).toList();
    }
}
