package io.devopscli.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
    private final java.util.concurrent.atomic.AtomicBoolean stopped = new java.util.concurrent.atomic.AtomicBoolean();

    public Engine(int threads) {
        this.pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "devops-cli-worker");
            t.setDaemon(true);
            return t;
        });
        this.executor = new DagExecutor(pool);
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
        stopped.set(true);
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
            pending.add(observeInOrder(g));
        }
        List<RegionPlan> regions = new ArrayList<>();
        for (int i = 0; i < graphs.size(); i++) {
            regions.add(regionPlan(graphs.get(i), pending.get(i), destroy, purge));
        }
        return new Plan(regions);
    }

    private RegionPlan regionPlan(RegionGraph graph, List<CompletableFuture<Object>> observations,
                                  boolean destroy, boolean purge) {
        List<Change> changes = new ArrayList<>();
        Map<ResourceKey, Object> observed = new HashMap<>();
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
            if (!destroy && o.change().action() == Action.REPLACE && node.holdsData(o.actual())) {
                failures.add(refusedReplacement(o.change()));
            } else if (!destroy) {
                changes.add(o.change());
            } else if (o.actual() != null) {
                boolean keep = node.holdsData(o.actual()) && !purge;
                changes.add(new Change(node.key(), keep ? Action.NOOP : Action.DELETE, List.of()));
            }
        }
        return new RegionPlan(graph, changes, observed, failures);
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
    private List<CompletableFuture<Object>> observeInOrder(RegionGraph graph) {
        RegionContext ctx = graph.context();
        ctx.beginObserving(graph.nodes().stream().map(Node::key).toList());
        List<CompletableFuture<Object>> inOrder = new ArrayList<>();
        for (Node<?, ?> n : graph.nodes()) {
            // observeNode never throws, so a parent's failure still lets its children be observed.
            inOrder.add(CompletableFuture.supplyAsync(() -> {
                try {
                    return observeNode(n, ctx);
                } finally {
                    ctx.observed(n.key());
                }
            }, pool));
        }
        return inOrder;
    }

    private Object observeNode(Node<?, ?> node, RegionContext ctx) {
        long start = System.nanoTime();
        try {
            return node.observe(ctx);
        } catch (RuntimeException e) {
            return NodeResult.failed(node.key(), Action.NOOP, "reading", e, elapsed(start));
        } finally {
            ctx.progress().read(node.key());
        }
    }

    private RunReport run(Plan plan, boolean reverse) {
        long start = System.nanoTime();
        List<CompletableFuture<List<NodeResult>>> regions = new ArrayList<>();
        for (RegionPlan rp : plan.regions()) {
            regions.add(runRegion(rp, reverse));
        }
        List<NodeResult> results = new ArrayList<>();
        regions.forEach(f -> results.addAll(f.join()));
        return new RunReport(results, elapsed(start));
    }

    private CompletableFuture<List<NodeResult>> runRegion(RegionPlan rp, boolean reverse) {
        RegionGraph graph = rp.graph();
        Map<ResourceKey, Change> changes = new HashMap<>();
        rp.changes().forEach(c -> changes.put(c.key(), c));
        Map<ResourceKey, NodeResult> preset = new HashMap<>();
        rp.observeFailures().forEach(f -> preset.put(f.key(), f));
        List<ResourceKey> order = new ArrayList<>(graph.nodes().stream().map(Node::key).toList());
        if (reverse) {
            java.util.Collections.reverse(order);
        }
        return executor.run(order,
                key -> reverse ? graph.dependentsOf(key) : graph.node(key).dependsOn(),
                key -> applyNode(graph.node(key), changes.get(key), rp.observed().get(key), graph.context()),
                preset);
    }

    private NodeResult applyNode(Node<?, ?> node, Change change, Object observed, RegionContext ctx) {
        if (change == null || !change.action().mutates()) {
            Action action = change == null ? Action.NOOP : change.action();
            return new NodeResult(node.key(), action, NodeResult.Outcome.UNCHANGED, "", 0, null);
        }
        if (stopped.get()) {
            // Ctrl-C: nothing new starts; what is in flight finishes, and the next up does the rest
            return new NodeResult(node.key(), change.action(), NodeResult.Outcome.SKIPPED,
                    "not started " + node.key().describe() + ": interrupted", 0, null);
        }
        long start = System.nanoTime();
        String verb = verb(change.action());
        String what = verb + " " + node.key().describe();
        ctx.progress().started(what);
        try {
            node.apply(change, observed, ctx);
            long millis = elapsed(start);
            ctx.progress().finished(what, true, String.format(java.util.Locale.ROOT, "%s ... done in %.1fs", what,
                    millis / 1000.0));
            return new NodeResult(node.key(), change.action(), NodeResult.Outcome.DONE, "", millis, null);
        } catch (RuntimeException e) {
            NodeResult failed = NodeResult.failed(node.key(), change.action(), verb, e, elapsed(start));
            ctx.progress().finished(what, false, failed.message());
            return failed;
        }
    }

    private static String verb(Action action) {
        return switch (action) {
            case CREATE -> "creating";
            case UPDATE -> "updating";
            case REPLACE -> "replacing";
            case DELETE -> "deleting";
            case NOOP -> "reading";
        };
    }

    private static long elapsed(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
