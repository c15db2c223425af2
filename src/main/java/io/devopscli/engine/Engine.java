package io.devopscli.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The one entry point subcommands call: plan (observe and diff every region in parallel), apply a plan
 * (each region's DAG in dependency order), and destroy (the same DAG in reverse).
 */
public final class Engine implements AutoCloseable {
    private final ExecutorService pool;
    private final DagExecutor executor;
    private final NodeWork work = new NodeWork();
    private final CascadeRule cascadeRule;
    private final ReplacingApply replacing;

    /** An engine where a replaced resource's dependents are all replaced with it. */
    public Engine(int threads) {
        this(threads, CascadeRule.REPLACE_ALL);
    }

    /** @param cascadeRule how each dependent takes a parent's replacement (see ReplacementCascade) */
    public Engine(int threads, CascadeRule cascadeRule) {
        this.cascadeRule = cascadeRule;
        this.pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "devops-cli-worker");
            t.setDaemon(true);
            return t;
        });
        this.executor = new DagExecutor(pool);
        this.replacing = new ReplacingApply(executor, work, cascadeRule);
    }

    /** Observes every resource of every region and diffs it against the spec. Read-only. */
    public Plan plan(List<RegionGraph> graphs) {
        return observeAll(graphs, false, false);
    }

    /**
     * The plan of down: every owned resource found becomes a delete; what holds data is kept (a noop)
     * unless purge is set.
     */
    public Plan planDestroy(List<RegionGraph> graphs, boolean purge) {
        return observeAll(graphs, true, purge);
    }

    /**
     * Stops starting changes (Ctrl-C): changes in flight finish, the rest are reported as skipped, so the
     * run ends consistent and the next up picks up what was left.
     */
    public void stopStarting() {
        work.stop();
    }

    /** Applies a plan made by plan(): creates, updates and replaces in dependency order. */
    public RunReport apply(Plan plan) {
        return run(plan, false);
    }

    /** Applies a plan made by planDestroy(): dependents are deleted before what they depend on. */
    public RunReport destroy(Plan plan) {
        return run(plan, true);
    }

    private Plan observeAll(List<RegionGraph> graphs, boolean destroy, boolean purge) {
        // Regions, and every node of a region, are observed in parallel; observe may still read a parent's
        // id (ctx.idOf waits for the parent's observation) so diff can compare ids without AWS calls.
        List<List<CompletableFuture<Object>>> pending = new ArrayList<>();
        for (RegionGraph g : graphs) {
            pending.add(observeInOrder(g, destroy));
        }
        List<RegionPlan> regions = new ArrayList<>();
        for (int i = 0; i < graphs.size(); i++) {
            regions.add(regionPlan(graphs.get(i), pending.get(i), destroy, purge));
        }
        return new Plan(destroy ? regions : ReplacementCascade.acrossRegions(regions, cascadeRule));
    }

    private RegionPlan regionPlan(RegionGraph graph, List<CompletableFuture<Object>> observations,
                                  boolean destroy, boolean purge) {
        if (graph.failure().isPresent()) {
            return new RegionPlan(graph, List.of(), Map.of(), List.of(regionFailure(graph)));
        }
        List<Change> changes = new ArrayList<>();
        Map<ResourceKey, Object> observed = new HashMap<>();
        Map<ResourceKey, List<Object>> duplicates = new HashMap<>();
        List<NodeResult> failures = new ArrayList<>();
        for (int i = 0; i < observations.size(); i++) {
            Object outcome = observations.get(i).join();
            if (outcome instanceof NodeResult failure) {
                failures.add(failure);
                continue;
            }
            Node.Observed o = (Node.Observed) outcome;
            Node<?, ?> node = graph.nodes().get(i);
            if (o.actual() != null) {
                observed.put(node.key(), o.actual());
            }
            if (!o.duplicates().isEmpty()) {
                duplicates.put(node.key(), o.duplicates());
            }
            if (!destroy && o.change().action() == Action.REPLACE && node.holdsData(o.actual())) {
                failures.add(refusedReplacement(o.change()));
            } else if (!destroy) {
                changes.add(o.change());
            } else if (o.actual() != null) {
                boolean keep = node.holdsData(o.actual()) && !purge;
                changes.add(new Change(node.key(), keep ? Action.NOOP : Action.DELETE, List.of(),
                        keep ? List.of() : o.change().duplicates()));
            }
        }
        if (!destroy) {
            ReplacementCascade.Result cascade = ReplacementCascade.plan(graph, changes, observed, cascadeRule);
            changes = cascade.changes();
            failures.addAll(cascade.refused());
        }
        return new RegionPlan(graph, changes, observed, failures, duplicates);
    }

    private static NodeResult regionFailure(RegionGraph graph) {
        return new NodeResult(graph.regionKey(), Action.NOOP, NodeResult.Outcome.FAILED,
                "reading region " + graph.region() + ": " + graph.failure().orElse("") + " (the other regions go on)",
                0, null);
    }

    /**
     * Replacing deletes first, and deleting what holds data needs --purge: up never does it on its own.
     * The node fails (its dependents are skipped) with what to do instead.
     */
    private static NodeResult refusedReplacement(Change change) {
        String fields = String.join(", ", change.fields().stream().filter(FieldChange::immutable)
                .map(f -> f.field() + " (" + f.actual() + " -> " + f.desired() + ")").toList());
        return new NodeResult(change.key(), Action.REPLACE, NodeResult.Outcome.FAILED,
                "replacing " + change.key().describe() + ": refused, it holds data and " + fields
                        + " can only change by replacing it; restore the old value, or run down --purge first",
                0, null);
    }

    /**
     * Starts every node's observation at once, so a region's reads take about one round trip, not one per
     * level of the graph. A node that needs a parent's id (ctx.idOf) waits for that parent's observation
     * there, and only there: reads that need no parent (tag-filtered describes, batched tag reads) never wait.
     * No deadlock on the fixed pool: tasks are queued parents first and the queue is FIFO, so a task only
     * ever waits for one that started before it.
     */
    private List<CompletableFuture<Object>> observeInOrder(RegionGraph graph, boolean destroy) {
        RegionContext ctx = graph.context();
        ctx.beginObserving(graph.nodes().stream().map(Node::key).toList());
        Map<ResourceKey, CompletableFuture<Object>> byKey = new HashMap<>();
        List<CompletableFuture<Object>> inOrder = new ArrayList<>();
        for (Node<?, ?> n : graph.nodes()) {
            // observeNode never throws, so a parent's failure still lets its children be observed.
            CompletableFuture<Object> read = CompletableFuture.supplyAsync(() -> {
                try {
                    return observeNode(n, ctx, destroy);
                } finally {
                    ctx.observed(n.key());
                }
            }, pool);
            // The verdict waits for the parents' verdicts (chained, no pool thread blocks): below a resource
            // that could not be read, the verdict is "unknown". down still reads it: deleting needs no parent.
            CompletableFuture<?>[] parents = n.dependsOn().stream().map(byKey::get).toArray(CompletableFuture[]::new);
            CompletableFuture<Object> verdict = destroy ? read
                    : CompletableFuture.allOf(parents).thenCombine(read,
                            (ignored, mine) -> unknownBelowUnread(n, parents).orElse(mine));
            byKey.put(n.key(), verdict);
            inOrder.add(verdict);
        }
        return inOrder;
    }

    /**
     * A resource whose parent could not be read is unknown, not drifted: its diff would compare with a
     * parent id nobody knows. (down still reads it: deleting needs no parent.)
     */
    private static java.util.Optional<Object> unknownBelowUnread(Node<?, ?> node, CompletableFuture<?>[] parents) {
        for (CompletableFuture<?> p : parents) {
            if (p.join() instanceof NodeResult unread) {
                return java.util.Optional.of(new NodeResult(node.key(), Action.NOOP, NodeResult.Outcome.SKIPPED,
                        "unknown: " + node.key().describe() + " not checked, " + unread.key() + " could not be read",
                        0, null));
            }
        }
        return java.util.Optional.empty();
    }

    private Object observeNode(Node<?, ?> node, RegionContext ctx, boolean destroy) {
        long start = System.nanoTime();
        try {
            return node.observe(ctx, !destroy);
        } catch (RuntimeException e) {
            return NodeResult.failed(node.key(), Action.NOOP, "reading", e, NodeWork.elapsed(start));
        } finally {
            ctx.progress().read(node.key());
        }
    }

    private RunReport run(Plan plan, boolean reverse) {
        long start = System.nanoTime();
        List<CompletableFuture<List<NodeResult>>> regions = new ArrayList<>();
        // Each replacement's outcome, for what other regions re-point at it (see repoint)
        Map<ResourceKey, CompletableFuture<NodeResult>> renewed = new java.util.concurrent.ConcurrentHashMap<>();
        plan.allChanges().stream().filter(c -> !reverse && c.action() == Action.REPLACE)
                .forEach(c -> renewed.put(c.key(), new CompletableFuture<>()));
        for (RegionPlan rp : plan.regions()) {
            CompletableFuture<List<NodeResult>> region = runRegion(rp, reverse, renewed);
            // a replacement skipped or failed is known only at the end: nobody waits for it forever
            region.whenComplete((done, error) -> rp.changes().forEach(c -> {
                CompletableFuture<NodeResult> f = renewed.get(c.key());
                if (f != null) {
                    f.complete(done == null ? new NodeResult(c.key(), Action.REPLACE, NodeResult.Outcome.SKIPPED,
                            "not replaced", 0, error) : done.stream().filter(r -> r.key().equals(c.key())).findFirst()
                            .orElse(new NodeResult(c.key(), Action.REPLACE, NodeResult.Outcome.SKIPPED, "not replaced",
                                    0, null)));
                }
            }));
            if (!reverse && !rp.duplicates().isEmpty()) {
                // Duplicates go after the region is applied, dependents' copies before their parents'
                // (a duplicate subnet before its duplicate VPC), and only where the kept one is sound.
                region = region.thenCompose(done -> removeDuplicates(rp, done).thenApply(removed -> {
                    List<NodeResult> all = new ArrayList<>(done);
                    all.addAll(removed);
                    return all;
                }));
            }
            regions.add(region);
        }
        List<NodeResult> results = new ArrayList<>();
        regions.forEach(f -> results.addAll(f.join()));
        plan.regions().stream().filter(rp -> rp.graph().failure().isPresent())
                .forEach(rp -> results.add(regionFailure(rp.graph())));
        return new RunReport(results, NodeWork.elapsed(start));
    }

    private CompletableFuture<List<NodeResult>> runRegion(RegionPlan rp, boolean reverse,
                                                          Map<ResourceKey, CompletableFuture<NodeResult>> renewed) {
        RegionGraph graph = rp.graph();
        Map<ResourceKey, Change> changes = new HashMap<>();
        rp.changes().forEach(c -> changes.put(c.key(), c));
        Map<ResourceKey, NodeResult> preset = new HashMap<>();
        rp.observeFailures().forEach(f -> preset.put(f.key(), f));
        List<ResourceKey> order = new ArrayList<>(graph.nodes().stream().map(Node::key).toList());
        List<ResourceKey> reversed = new ArrayList<>(order);
        java.util.Collections.reverse(reversed);
        if (reverse) {
            return executor.run(reversed, graph::dependentsOf,
                    key -> destroyNode(graph.node(key), changes.get(key), rp, graph.context()), preset);
        }
        return replacing.deleteReplaced(rp, changes, reversed, preset).thenCompose(notDeleted -> {
            Map<ResourceKey, NodeResult> forwardPreset = new HashMap<>(preset);
            forwardPreset.putAll(notDeleted);
            return executor.run(order, key -> graph.node(key).dependsOn(),
                    key -> replacing.forward(graph.node(key), changes.get(key), rp.observed().get(key), graph.context(), renewed),
                    forwardPreset);
        });
    }

    /** down: the resource, and every duplicate of it, so nothing owned is left behind. */
    private NodeResult destroyNode(Node<?, ?> node, Change change, RegionPlan rp, RegionContext ctx) {
        NodeResult main = work.applyNode(node, change, rp.observed().get(node.key()), ctx);
        if (main.outcome() != NodeResult.Outcome.DONE || change == null || change.duplicates().isEmpty()) {
            return main;
        }
        NodeResult dups = removeDuplicatesOf(node, rp.duplicates().getOrDefault(node.key(), List.of()), ctx);
        return dups.outcome() == NodeResult.Outcome.FAILED ? dups : main;
    }

    private CompletableFuture<List<NodeResult>> removeDuplicates(RegionPlan rp, List<NodeResult> applied) {
        RegionGraph graph = rp.graph();
        Map<ResourceKey, NodeResult> preset = new HashMap<>();
        for (NodeResult r : applied) {
            if (r.outcome() == NodeResult.Outcome.FAILED || r.outcome() == NodeResult.Outcome.SKIPPED) {
                preset.put(r.key(), new NodeResult(r.key(), Action.DELETE, NodeResult.Outcome.SKIPPED,
                        "removing duplicates of " + r.key().describe() + ": the kept one did not apply", 0, null));
            }
        }
        List<ResourceKey> order = new ArrayList<>(graph.nodes().stream().map(Node::key).toList());
        java.util.Collections.reverse(order);
        return executor.run(order, graph::dependentsOf,
                key -> removeDuplicatesOf(graph.node(key), rp.duplicates().getOrDefault(key, List.of()), graph.context()),
                preset).thenApply(results -> results.stream()
                        .filter(r -> rp.duplicates().containsKey(r.key())).toList());
    }

    private NodeResult removeDuplicatesOf(Node<?, ?> node, List<Object> duplicates, RegionContext ctx) {
        if (duplicates.isEmpty()) {
            return new NodeResult(node.key(), Action.NOOP, NodeResult.Outcome.UNCHANGED, "", 0, null);
        }
        long start = System.nanoTime();
        List<String> ids = duplicates.stream().map(node::idOf).toList();
        String what = "duplicates of " + node.key().describe() + " (" + String.join(", ", ids) + ")";
        ctx.progress().info("removing " + what);
        try {
            duplicates.forEach(d -> node.deleteDuplicate(d, ctx));
            return new NodeResult(node.key(), Action.DELETE, NodeResult.Outcome.DONE, "removed " + what,
                    NodeWork.elapsed(start), null);
        } catch (RuntimeException e) {
            NodeResult failed = NodeResult.failed(node.key(), Action.DELETE,
                    "removing duplicates (" + String.join(", ", ids) + ") of", e, NodeWork.elapsed(start));
            ctx.progress().info(failed.message());
            return failed;
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
