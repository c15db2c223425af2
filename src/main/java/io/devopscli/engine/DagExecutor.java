package io.devopscli.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * Runs one piece of work per node once all its prerequisites are done, independent nodes in parallel.
 * A node whose prerequisite failed or was skipped is skipped itself; the rest goes on.
 */
final class DagExecutor {
    private final Executor pool;

    DagExecutor(Executor pool) {
        this.pool = pool;
    }

    /**
     * @param order         the nodes in an order where prerequisites come first
     * @param prerequisites what each node waits for (parents going up, dependents going down)
     * @param work          the node's work; it returns its result and never throws
     * @param preset        results known before the run (nodes that could not even be observed)
     */
    CompletableFuture<List<NodeResult>> run(List<ResourceKey> order,
                                            Function<ResourceKey, Set<ResourceKey>> prerequisites,
                                            Function<ResourceKey, NodeResult> work,
                                            Map<ResourceKey, NodeResult> preset) {
        Map<ResourceKey, CompletableFuture<NodeResult>> futures = new LinkedHashMap<>();
        for (ResourceKey key : order) {
            if (preset.containsKey(key)) {
                futures.put(key, CompletableFuture.completedFuture(preset.get(key)));
                continue;
            }
            List<CompletableFuture<NodeResult>> before = prerequisites.apply(key).stream()
                    .map(futures::get).filter(f -> f != null).toList();
            CompletableFuture<NodeResult> mine = CompletableFuture
                    .allOf(before.toArray(CompletableFuture[]::new))
                    .thenApplyAsync(ignored -> {
                        ResourceKey blocker = firstBlocker(before);
                        if (blocker != null) {
                            return new NodeResult(key, Action.NOOP, NodeResult.Outcome.SKIPPED,
                                    "skipped " + key.describe() + ": " + blocker + " did not complete", 0, null);
                        }
                        return work.apply(key);
                    }, pool);
            futures.put(key, mine);
        }
        return CompletableFuture.allOf(futures.values().toArray(CompletableFuture[]::new))
                .thenApply(ignored -> {
                    List<NodeResult> results = new ArrayList<>();
                    futures.values().forEach(f -> results.add(f.join()));
                    return results;
                });
    }

    private static ResourceKey firstBlocker(List<CompletableFuture<NodeResult>> before) {
        for (CompletableFuture<NodeResult> f : before) {
            NodeResult r = f.join();
            if (r.outcome() == NodeResult.Outcome.FAILED || r.outcome() == NodeResult.Outcome.SKIPPED) {
                return r.key();
            }
        }
        return null;
    }
}
