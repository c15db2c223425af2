package io.devopscli.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Order, parallelism, failure and skip rules of the engine, with an in-memory fake cloud. */
class EngineTest {
    private final Engine engine = new Engine(8);
    private final FakeReconciler fake = new FakeReconciler();

    @AfterEach
    void close() {
        engine.close();
    }

    /** vpc <- subnet-a, subnet-b <- route (needs both subnets); log-group independent. */
    private RegionGraph graph(String region) {
        RegionGraph g = new RegionGraph(new RegionContext(region, "proj", null, Progress.SILENT));
        ResourceKey vpc = g.add(key(region, "vpc"), fake, FakeReconciler.Spec.of(region + "-vpc", "10.0.0.0/16"));
        ResourceKey a = g.add(key(region, "subnet-a"), fake, FakeReconciler.Spec.of(region + "-subnet-a", "a"), vpc);
        ResourceKey b = g.add(key(region, "subnet-b"), fake, FakeReconciler.Spec.of(region + "-subnet-b", "b"), vpc);
        g.add(key(region, "route"), fake, FakeReconciler.Spec.of(region + "-route", "r"), a, b);
        g.add(key(region, "log-group"), fake, FakeReconciler.Spec.of(region + "-log-group", "30"));
        return g;
    }

    private static ResourceKey key(String region, String name) {
        return new ResourceKey(region, "fake/thing", name);
    }

    @Test
    void firstPlanCreatesEverythingAndApplyRespectsDependencies() {
        Plan plan = engine.plan(List.of(graph("r1")));
        assertEquals(5, plan.regions().get(0).count(Action.CREATE));

        RunReport report = engine.apply(plan);

        assertTrue(report.succeeded());
        assertEquals(5, report.with(NodeResult.Outcome.DONE).size());
        List<String> log = fake.log;
        assertTrue(log.indexOf("create r1-vpc") < log.indexOf("create r1-subnet-a"));
        assertTrue(log.indexOf("create r1-vpc") < log.indexOf("create r1-subnet-b"));
        assertTrue(log.indexOf("create r1-subnet-a") < log.indexOf("create r1-route"));
        assertTrue(log.indexOf("create r1-subnet-b") < log.indexOf("create r1-route"));
    }

    @Test
    void secondPlanIsAllNoopAndApplyingItChangesNothing() {
        engine.apply(engine.plan(List.of(graph("r1"))));
        fake.log.clear();

        Plan second = engine.plan(List.of(graph("r1")));

        assertFalse(second.hasChanges());
        engine.apply(second);
        assertEquals(List.of(), fake.log);
    }

    @Test
    void driftIsAnUpdateNamingTheField() {
        engine.apply(engine.plan(List.of(graph("r1"))));
        fake.cloud.put("r1-subnet-a", "changed by hand");

        Plan plan = engine.plan(List.of(graph("r1")));

        Change change = plan.allChanges().stream().filter(c -> c.key().name().equals("subnet-a")).findFirst().orElseThrow();
        assertEquals(Action.UPDATE, change.action());
        assertEquals(List.of(new FieldChange("value", "a", "changed by hand", false)), change.fields());
        engine.apply(plan);
        assertEquals("a", fake.cloud.get("r1-subnet-a"));
    }

    @Test
    void immutableFieldForcesReplaceWhichDeletesThenCreates() {
        RegionGraph g = new RegionGraph(new RegionContext("r1", "proj", null, Progress.SILENT));
        g.add(key("r1", "x"), fake, new FakeReconciler.Spec("x", "new", true));
        fake.cloud.put("x", "old");

        Plan plan = engine.plan(List.of(g));

        assertEquals(Action.REPLACE, plan.allChanges().get(0).action());
        engine.apply(plan);
        assertEquals(List.of("delete x", "create x"), fake.log);
    }

    @Test
    void replacingWhatHoldsDataIsRefusedAndSkipsItsDependents() {
        FakeReconciler dataHolder = new FakeReconciler() {
            @Override
            public boolean holdsData(Actual actual) {
                return true;
            }
        };
        RegionGraph g = new RegionGraph(new RegionContext("r1", "proj", null, Progress.SILENT));
        ResourceKey repo = g.add(key("r1", "repo"), dataHolder, new FakeReconciler.Spec("repo", "kms", true));
        g.add(key("r1", "pipeline"), fake, FakeReconciler.Spec.of("pipeline", "p"), repo);
        dataHolder.cloud.put("repo", "aes");

        Plan plan = engine.plan(List.of(g));
        RunReport report = engine.apply(plan);

        assertTrue(plan.hasObserveFailures());
        assertEquals("replacing fake thing repo in r1: refused, it holds data and value (aes -> kms) can only change"
                + " by replacing it; restore the old value, or run down --purge first",
                plan.regions().get(0).observeFailures().get(0).message());
        assertEquals("aes", dataHolder.cloud.get("repo"), "the data holder was not touched");
        assertEquals(List.of(), dataHolder.log);
        assertEquals(NodeResult.Outcome.SKIPPED, report.results().stream()
                .filter(r -> r.key().name().equals("pipeline")).findFirst().orElseThrow().outcome());
    }

    @Test
    void aFailureSkipsItsDependentsButNotTheRest() {
        fake.failing.add("r1-subnet-a");

        RunReport report = engine.apply(engine.plan(List.of(graph("r1"))));

        assertFalse(report.succeeded());
        Map<String, NodeResult.Outcome> outcomes = report.results().stream()
                .collect(Collectors.toMap(r -> r.key().name(), NodeResult::outcome));
        assertEquals(NodeResult.Outcome.FAILED, outcomes.get("subnet-a"));
        assertEquals(NodeResult.Outcome.SKIPPED, outcomes.get("route"));
        assertEquals(NodeResult.Outcome.DONE, outcomes.get("subnet-b"));
        assertEquals(NodeResult.Outcome.DONE, outcomes.get("log-group"));
        NodeResult failed = report.with(NodeResult.Outcome.FAILED).get(0);
        assertEquals("creating fake thing subnet-a in r1: boom on r1-subnet-a", failed.message());
    }

    @Test
    void aSecondRunFinishesWhatAFailedRunLeft() {
        fake.failing.add("r1-subnet-a");
        engine.apply(engine.plan(List.of(graph("r1"))));
        fake.failing.clear();
        fake.log.clear();

        RunReport report = engine.apply(engine.plan(List.of(graph("r1"))));

        assertTrue(report.succeeded());
        assertEquals(List.of("create r1-subnet-a", "create r1-route"), fake.log);
    }

    @Test
    void observeFailureIsReportedAndItsDependentsSkipped() {
        RegionGraph g = new RegionGraph(new RegionContext("r1", "proj", null, Progress.SILENT));
        Reconciler<FakeReconciler.Spec, FakeReconciler.Actual> unreadable = new Reconciler<>() {
            public java.util.Optional<FakeReconciler.Actual> observe(FakeReconciler.Spec s, RegionContext c) {
                throw new IllegalStateException("AccessDenied: not allowed");
            }
            public List<FieldChange> diff(FakeReconciler.Spec s, FakeReconciler.Actual a) { return List.of(); }
            public FakeReconciler.Actual create(FakeReconciler.Spec s, RegionContext c) { throw new AssertionError(); }
            public void delete(FakeReconciler.Actual a, RegionContext c) { throw new AssertionError(); }
            public String id(FakeReconciler.Actual a) { return ""; }
        };
        ResourceKey parent = g.add(key("r1", "parent"), unreadable, FakeReconciler.Spec.of("p", "v"));
        g.add(key("r1", "child"), fake, FakeReconciler.Spec.of("c", "v"), parent);

        Plan plan = engine.plan(List.of(g));
        RunReport report = engine.apply(plan);

        assertTrue(plan.hasObserveFailures());
        assertEquals("reading fake thing parent in r1: AccessDenied: not allowed",
                plan.regions().get(0).observeFailures().get(0).message());
        assertEquals(NodeResult.Outcome.SKIPPED, report.results().stream()
                .filter(r -> r.key().name().equals("child")).findFirst().orElseThrow().outcome());
        assertEquals(List.of(), fake.log);
    }

    @Test
    void destroyDeletesDependentsFirstAndKeepsDataHolders() {
        engine.apply(engine.plan(List.of(graph("r1"))));
        fake.log.clear();

        RunReport report = engine.destroy(engine.planDestroy(List.of(graph("r1")), false));

        assertTrue(report.succeeded());
        List<String> log = fake.log;
        assertEquals(5, log.size());
        assertTrue(log.indexOf("delete r1-route") < log.indexOf("delete r1-subnet-a"));
        assertTrue(log.indexOf("delete r1-subnet-a") < log.indexOf("delete r1-vpc"));
        assertTrue(log.indexOf("delete r1-subnet-b") < log.indexOf("delete r1-vpc"));
        assertTrue(fake.cloud.isEmpty());
    }

    @Test
    void destroyOfAFailedDependentKeepsItsParent() {
        engine.apply(engine.plan(List.of(graph("r1"))));
        fake.failing.add("r1-route");

        RunReport report = engine.destroy(engine.planDestroy(List.of(graph("r1")), false));

        assertTrue(fake.cloud.containsKey("r1-vpc"));
        assertEquals(NodeResult.Outcome.SKIPPED, report.results().stream()
                .filter(r -> r.key().name().equals("vpc")).findFirst().orElseThrow().outcome());
        assertFalse(fake.cloud.containsKey("r1-log-group"));
    }

    @Test
    void regionsAndIndependentNodesRunInParallel() {
        fake.delayMillis = 200;
        RunReport report = engine.apply(engine.plan(List.of(graph("r1"), graph("r2"), graph("r3"))));

        assertTrue(report.succeeded());
        assertEquals(15, report.with(NodeResult.Outcome.DONE).size());
        // Each create holds 200 ms: the three regions' roots (vpc, log-group) overlap, so at least six
        // creates were in flight at once. One after another, the maximum would be one.
        assertTrue(fake.maxInFlight.get() >= 6, "at most " + fake.maxInFlight.get() + " creates ran at once");
    }

    @Test
    void graphRejectsUnknownDependenciesAndDuplicates() {
        RegionGraph g = new RegionGraph(new RegionContext("r1", "proj", null, Progress.SILENT));
        g.add(key("r1", "a"), fake, FakeReconciler.Spec.of("a", "1"));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> g.add(key("r1", "a"), fake, FakeReconciler.Spec.of("a", "1")));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> g.add(key("r1", "b"), fake, FakeReconciler.Spec.of("b", "1"), key("r1", "nope")));
    }
}
