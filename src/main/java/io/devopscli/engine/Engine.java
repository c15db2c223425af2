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
    private final java.util.concurrent.atomic.AtomicBoolean stopped = new java.util.concurrent.atomic.AtomicBoolean();
    private final CascadeRule cascadeRule;

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
                    return observeNode(n, ctx);
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
        return new RunReport(results, elapsed(start));
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
        return deleteReplaced(rp, changes, reversed, preset).thenCompose(notDeleted -> {
            Map<ResourceKey, NodeResult> forwardPreset = new HashMap<>(preset);
            forwardPreset.putAll(notDeleted);
            return executor.run(order, key -> graph.node(key).dependsOn(),
                    key -> forward(graph.node(key), changes.get(key), rp.observed().get(key), graph.context(), renewed),
                    forwardPreset);
        });
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
    private CompletableFuture<Map<ResourceKey, NodeResult>> deleteReplaced(RegionPlan rp, Map<ResourceKey, Change> changes,
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
                        ? perform(graph.node(key), changes.get(key).with(Action.DELETE), rp.observed().get(key),
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
    private NodeResult forward(Node<?, ?> node, Change change, Object observed, RegionContext ctx,
                               Map<ResourceKey, CompletableFuture<NodeResult>> renewed) {
        if (change != null && change.action() == Action.REPLACE) {
            NodeResult created = perform(node, change.with(Action.CREATE), null, ctx, Action.REPLACE, "replacing",
                    " (creating the new one)");
            renewed.get(node.key()).complete(created);
            return created;
        }
        if (change != null && change.repoints()) {
            Optional<NodeResult> blocked = awaitOtherRegions(node.key(), renewed);
            return blocked.isPresent() ? blocked.get() : repoint(node, change, ctx);
        }
        return applyNode(node, change, observed, ctx);
    }

    /**
     * What another region replaces and this resource refers to (CascadeRule.refersAcrossRegions) must be
     * there before it is re-pointed: regions run in parallel, and no edge of this region's graph says so.
     * Only re-points wait, never a replacement, so two regions never wait for each other.
     */
    private Optional<NodeResult> awaitOtherRegions(ResourceKey key, Map<ResourceKey, CompletableFuture<NodeResult>> renewed) {
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
        return perform(node, fresh, now.actual(), ctx, Action.UPDATE, verb(fresh.action()), " (re-pointing it)");
    }

    /** down: the resource, and every duplicate of it, so nothing owned is left behind. */
    private NodeResult destroyNode(Node<?, ?> node, Change change, RegionPlan rp, RegionContext ctx) {
        NodeResult main = applyNode(node, change, rp.observed().get(node.key()), ctx);
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
                    elapsed(start), null);
        } catch (RuntimeException e) {
            NodeResult failed = NodeResult.failed(node.key(), Action.DELETE,
                    "removing duplicates (" + String.join(", ", ids) + ") of", e, elapsed(start));
            ctx.progress().info(failed.message());
            return failed;
        }
    }

    private NodeResult applyNode(Node<?, ?> node, Change change, Object observed, RegionContext ctx) {
        if (change == null || !change.action().mutates()) {
            Action action = change == null ? Action.NOOP : change.action();
            return new NodeResult(node.key(), action, NodeResult.Outcome.UNCHANGED, "", 0, null);
        }
        return perform(node, change, observed, ctx, change.action(), verb(change.action()), "");
    }

    /** Carries out one change, reported as the planned action (a replacement's delete is part of REPLACE). */
    private NodeResult perform(Node<?, ?> node, Change change, Object observed, RegionContext ctx, Action reported,
                               String verb, String step) {
        if (stopped.get()) {
            // Ctrl-C: nothing new starts; what is in flight finishes, and the next up does the rest
            return new NodeResult(node.key(), reported, NodeResult.Outcome.SKIPPED,
                    "not started " + node.key().describe() + ": interrupted", 0, null);
        }
        long start = System.nanoTime();
        String what = verb + " " + node.key().describe() + step;
        ctx.progress().started(what);
        try {
            node.apply(change, observed, ctx);
            long millis = elapsed(start);
            ctx.progress().finished(what, true, String.format(java.util.Locale.ROOT, "%s ... done in %.1fs", what,
                    millis / 1000.0));
            return new NodeResult(node.key(), reported, NodeResult.Outcome.DONE, "", millis, null);
        } catch (RuntimeException e) {
            String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            NodeResult failed = new NodeResult(node.key(), reported, NodeResult.Outcome.FAILED, what + ": " + reason,
                    elapsed(start), e);
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
