package io.devopscli.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What the engine does around the reconciler verbs: capabilities (no Updatable: a diff is a replacement),
 * the one ownership refusal (Reconciler.foreign) right before a create, and adoption by the plan. Pure, in memory.
 */
class ReconcilerContractTest {
    private static final ResourceKey KEY = new ResourceKey("r1", "fake/thing", "one");
    private final Engine engine = new Engine(2);

    @AfterEach
    void close() {
        engine.close();
    }

    /** A cloud of name -> value, ours by default, with a stranger's names apart; it cannot update. */
    static class Immutable implements Reconciler<FakeReconciler.Spec, FakeReconciler.Actual> {
        final Map<String, String> cloud = new ConcurrentHashMap<>();
        final Map<String, String> strangers = new ConcurrentHashMap<>();
        final List<String> log = Collections.synchronizedList(new ArrayList<>());

        @Override
        public Optional<FakeReconciler.Actual> observe(FakeReconciler.Spec spec, RegionContext ctx) {
            return Optional.ofNullable(cloud.get(spec.name())).map(v -> new FakeReconciler.Actual(spec.name(), v));
        }

        @Override
        public Optional<String> foreign(FakeReconciler.Spec spec, RegionContext ctx) {
            return strangers.containsKey(spec.name()) ? Optional.of("arn:stranger/" + spec.name()) : Optional.empty();
        }

        @Override
        public List<FieldChange> diff(FakeReconciler.Spec spec, FakeReconciler.Actual actual) {
            return new Diffs().field("value", spec.value(), actual.value()).toList(); // a mutable field
        }

        @Override
        public FakeReconciler.Actual create(FakeReconciler.Spec spec, RegionContext ctx) {
            log.add("create " + spec.name());
            cloud.put(spec.name(), spec.value());
            return new FakeReconciler.Actual(spec.name(), spec.value());
        }

        @Override
        public void delete(FakeReconciler.Actual actual, RegionContext ctx) {
            log.add("delete " + actual.name());
            cloud.remove(actual.name());
        }

        @Override
        public String id(FakeReconciler.Actual actual) {
            return "id-" + actual.name();
        }
    }

    private static <S, A> RegionGraph graph(Reconciler<S, A> reconciler, S spec) {
        RegionGraph g = new RegionGraph(new RegionContext("r1", "proj", null, Progress.SILENT));
        g.add(KEY, reconciler, spec);
        return g;
    }

    @Test
    void aReconcilerThatCannotUpdateHasEveryDiffPlannedAsAReplacement() {
        Immutable immutable = new Immutable();
        immutable.cloud.put("one", "old");

        Plan plan = engine.plan(List.of(graph(immutable, FakeReconciler.Spec.of("one", "new"))));
        Change change = plan.allChanges().get(0);
        assertEquals(Action.REPLACE, change.action());
        assertTrue(change.fields().get(0).immutable(), "shown as a field that forces replacement");

        assertTrue(engine.apply(plan).succeeded());
        assertEquals(List.of("delete one", "create one"), immutable.log);
        assertEquals("new", immutable.cloud.get("one"));
    }

    @Test
    void anUpdatableReconcilerIsUpdatedInPlace() {
        FakeReconciler updatable = new FakeReconciler();
        updatable.cloud.put("one", "old");

        Plan plan = engine.plan(List.of(graph(updatable, FakeReconciler.Spec.of("one", "new"))));
        assertEquals(Action.UPDATE, plan.allChanges().get(0).action());
        engine.apply(plan);
        assertEquals(List.of("update one"), updatable.log);
    }

    @Test
    void aStrangersResourceAtOurNameIsRefusedNamedAndNeverTouched() {
        Immutable immutable = new Immutable();
        immutable.strangers.put("one", "theirs");

        Plan plan = engine.plan(List.of(graph(immutable, FakeReconciler.Spec.of("one", "v"))));
        assertEquals(Action.CREATE, plan.allChanges().get(0).action(), "what is not ours is not observed as ours");
        RunReport report = engine.apply(plan);

        NodeResult result = report.results().get(0);
        assertEquals(NodeResult.Outcome.FAILED, result.outcome());
        assertTrue(result.message().contains("arn:stranger/one already exists and is not owned by devops-cli"),
                result.message());
        assertEquals(List.of(), immutable.log, "neither created over, adopted nor deleted");
        assertFalse(engine.planDestroy(List.of(graph(immutable, FakeReconciler.Spec.of("one", "v"))), true)
                .hasChanges(), "down has nothing of ours to delete");
        assertEquals("theirs", immutable.strangers.get("one"));
    }

    @Test
    void whatAnInterruptedRunLeftIsAdoptedByTheNextPlanInsteadOfCreatedAgain() {
        Immutable immutable = new Immutable();
        immutable.cloud.put("one", "v"); // made by a run that was stopped before it said so

        Plan plan = engine.plan(List.of(graph(immutable, FakeReconciler.Spec.of("one", "v"))));
        assertEquals(Action.NOOP, plan.allChanges().get(0).action(), "adopted as it is");
        assertTrue(engine.apply(plan).succeeded());
        assertEquals(List.of(), immutable.log, "no second create");
    }

    @Test
    void anAdoptedResourceThatDiffersIsBroughtInLineWithTheReconcilersCapabilities() {
        FakeReconciler updatable = new FakeReconciler();
        updatable.cloud.put("one", "old");
        engine.apply(engine.plan(List.of(graph(updatable, FakeReconciler.Spec.of("one", "new")))));
        assertEquals(List.of("update one"), updatable.log);

        Immutable immutable = new Immutable();
        immutable.cloud.put("one", "old");
        engine.apply(engine.plan(List.of(graph(immutable, FakeReconciler.Spec.of("one", "new")))));
        assertEquals(List.of("delete one", "create one"), immutable.log);
    }

    @Test
    void aPlannedCreateIsAppliedWithoutReadingAgain() {
        // A plan is applied only under the project lock, read under it or with it unchanged since (see
        // ProjectLock): what the plan found missing is created at once, with no second observe.
        java.util.concurrent.atomic.AtomicInteger observed = new java.util.concurrent.atomic.AtomicInteger();
        Immutable counting = new Immutable() {
            @Override
            public Optional<FakeReconciler.Actual> observe(FakeReconciler.Spec spec, RegionContext ctx) {
                observed.incrementAndGet();
                return super.observe(spec, ctx);
            }
        };
        Plan plan = engine.plan(List.of(graph(counting, FakeReconciler.Spec.of("one", "v"))));
        assertEquals(1, observed.get());
        assertTrue(engine.apply(plan).succeeded());
        assertEquals(1, observed.get(), "the create did not look again");
        assertEquals(List.of("create one"), counting.log);
    }

    @Test
    void theStrangerCheckIsAskedWhileThePlanIsReadNotOnTheCreatesPath() {
        java.util.concurrent.atomic.AtomicInteger asked = new java.util.concurrent.atomic.AtomicInteger();
        Immutable counting = new Immutable() {
            @Override
            public Optional<String> foreign(FakeReconciler.Spec spec, RegionContext ctx) {
                asked.incrementAndGet();
                return super.foreign(spec, ctx);
            }
        };
        Plan plan = engine.plan(List.of(graph(counting, FakeReconciler.Spec.of("one", "v"))));
        assertEquals(1, asked.get(), "asked with the plan's reads");
        assertTrue(engine.apply(plan).succeeded());
        assertEquals(1, asked.get(), "not asked again before the create");
        assertEquals(List.of("create one"), counting.log);
        assertFalse(engine.planDestroy(List.of(graph(counting, FakeReconciler.Spec.of("two", "v"))), true).hasChanges());
        assertEquals(1, asked.get(), "down never asks: it creates nothing");
    }

    /** A child that records its parent's physical id and compares it in the graph's terms. */
    static class Pointer implements Reconciler<ResourceKey, String>, Updatable<ResourceKey, String> {
        final Map<String, String> cloud = new ConcurrentHashMap<>();

        @Override
        public Optional<String> observe(ResourceKey parent, RegionContext ctx) {
            return Optional.ofNullable(cloud.get("child"));
        }

        @Override
        public List<FieldChange> diff(ResourceKey parent, String actualParentId) {
            return diff(parent, actualParentId, Refs.none());
        }

        @Override
        public List<FieldChange> diff(ResourceKey parent, String actualParentId, Refs parents) {
            return new Diffs().field("parent", parent.name(), parents.render(actualParentId)).toList();
        }

        @Override
        public String create(ResourceKey parent, RegionContext ctx) {
            cloud.put("child", ctx.requireId(parent));
            return cloud.get("child");
        }

        @Override
        public String update(ResourceKey parent, String actual, List<FieldChange> changes, RegionContext ctx) {
            return create(parent, ctx);
        }

        @Override
        public void delete(String actual, RegionContext ctx) {
            cloud.remove("child");
        }

        @Override
        public String id(String actual) {
            return "child-of-" + actual;
        }
    }

    @Test
    void aStrangerCheckInsideAParentStillToBeCreatedCountsAsNone() {
        FakeReconciler parents = new FakeReconciler();
        ResourceKey cluster = new ResourceKey("r1", "fake/cluster", "main");
        java.util.concurrent.atomic.AtomicInteger asked = new java.util.concurrent.atomic.AtomicInteger();
        Immutable inside = new Immutable() {
            @Override
            public Optional<String> foreign(FakeReconciler.Spec spec, RegionContext ctx) {
                asked.incrementAndGet();
                ctx.requireId(cluster); // a service looks in its cluster: there is none yet
                return Optional.of("arn:stranger/" + spec.name());
            }
        };
        RegionGraph g = new RegionGraph(new RegionContext("r1", "proj", null, Progress.SILENT));
        g.add(cluster, parents, FakeReconciler.Spec.of("main", "v"));
        g.add(KEY, inside, FakeReconciler.Spec.of("one", "v"), cluster);

        assertTrue(engine.apply(engine.plan(List.of(g))).succeeded(), "nothing can be inside a cluster made now");
        assertEquals(1, asked.get(), "asked once, while planning; not again before the create");
        assertEquals(List.of("create one"), inside.log);
    }

    @Test
    void diffIsHandedTheParentsIdsTheEngineResolved() {
        FakeReconciler parents = new FakeReconciler();
        Pointer pointer = new Pointer();
        java.util.function.Supplier<RegionGraph> graph = () -> {
            RegionGraph g = new RegionGraph(new RegionContext("r1", "proj", null, Progress.SILENT));
            ResourceKey vpc = g.add(new ResourceKey("r1", "fake/vpc", "main"), parents, FakeReconciler.Spec.of("vpc", "v"));
            g.add(KEY, pointer, vpc, vpc);
            return g;
        };
        assertTrue(engine.apply(engine.plan(List.of(graph.get()))).succeeded());
        assertEquals("id-vpc", pointer.cloud.get("child"));

        assertFalse(engine.plan(List.of(graph.get())).hasChanges(), "the parent's id renders as its key: in line");
        pointer.cloud.put("child", "id-elsewhere");
        Change moved = engine.plan(List.of(graph.get())).allChanges().stream()
                .filter(c -> c.key().equals(KEY)).findFirst().orElseThrow();
        assertEquals(Action.UPDATE, moved.action());
        assertEquals("main", moved.fields().get(0).desired());
        assertEquals("id-elsewhere", moved.fields().get(0).actual());
    }
}
