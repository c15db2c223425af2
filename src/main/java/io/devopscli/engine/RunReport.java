package io.devopscli.engine;

import java.util.List;

/** The outcome of apply or destroy: every resource's result, and the run's wall time. */
public record RunReport(List<NodeResult> results, long millis) {
    public RunReport {
        results = List.copyOf(results);
    }

    public List<NodeResult> with(NodeResult.Outcome outcome) {
        return results.stream().filter(r -> r.outcome() == outcome).toList();
    }

    public boolean succeeded() {
        return with(NodeResult.Outcome.FAILED).isEmpty() && with(NodeResult.Outcome.SKIPPED).isEmpty();
    }
}
