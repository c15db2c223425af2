package io.devopscli.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Duplicates, unknown dependents and unreadable regions in the engine, with in-memory fakes. */
class EngineHardeningTest {
    private final Engine engine = new Engine(8);

    @AfterEach
    void close() {
        engine.close();
    }

    /** A cloud where one logical resource may have several copies: name -> ids, and which ids are in use. */
    static final class Copies implements Reconciler<String, Copies.Copy>, Updatable<String, Copies.Copy> {
        record Copy(String name, String id) {}

        final java.util.Map<String, List<String>> cloud = new ConcurrentHashMap<>();
        final Set<String> inUse = ConcurrentHashMap.newKeySet();
        final List<String> deleted = Collections.synchronizedList(new ArrayList<>());

        @Override
        public Optional<Copy> observe(String spec, RegionContext ctx) {
            return observeAll(spec, ctx).stream().findFirst();
        }

        @Override
        public List<Copy> observeAll(String spec, RegionContext ctx) {
            return cloud.getOrDefault(spec, List.of()).stream().sorted().map(id -> new Copy(spec, id)).toList();
        }

        @Override
        public boolean inUse(Copy actual, RegionContext ctx) {
            return inUse.contains(actual.id());
        }

        @Override
        public List<FieldChange> diff(String spec, Copy actual) {
            return List.of();
        }

        @Override
        public Copy create(String spec, RegionContext ctx) {
            cloud.put(spec, new ArrayList<>(List.of(spec + "-1")));
            return new Copy(spec, spec + "-1");
        }

        @Override
        public Copy update(String spec, Copy actual, List<FieldChange> changes, RegionContext ctx) {
            return actual;
        }

        @Override
        public void delete(Copy actual, RegionContext ctx) {
            deleted.add(actual.id());
            cloud.computeIfPresent(actual.name(), (k, ids) -> {
                List<String> left = new ArrayList<>(ids);
                left.remove(actual.id());
                return left.isEmpty() ? null : left;
            });
        }

        @Override
        public String id(Copy actual) {
            return actual.id();
        }
    }

    private static RegionGraph graphOf(Copies copies) {
        RegionGraph g = new RegionGraph(new RegionContext("r1", "proj", null, Progress.SILENT));
        ResourceKey vpc = g.add(new ResourceKey("r1", "fake/vpc", "main"), copies, "vpc");
        g.add(new ResourceKey("r1", "fake/subnet", "a"), copies, "subnet", vpc);
        return g;
    }

    @Test
    void aDuplicateIsPlannedAsSuchAndUpKeepsTheOneInUse() {
        Copies copies = new Copies();
        copies.cloud.put("vpc", new ArrayList<>(List.of("vpc-1", "vpc-2")));
        copies.cloud.put("subnet", new ArrayList<>(List.of("subnet-1")));
        copies.inUse.add("vpc-2"); // the newer one is the one dependents use: it is kept, not the lowest id

        Plan plan = engine.plan(List.of(graphOf(copies)));
        Change vpc = plan.allChanges().stream().filter(c -> c.key().type().equals("fake/vpc")).findFirst().orElseThrow();
        assertEquals(Action.NOOP, vpc.action());
        assertEquals(List.of("vpc-1"), vpc.duplicates());
        assertTrue(plan.hasChanges(), "a duplicate is a change to make");

        RunReport report = engine.apply(plan);
        assertTrue(report.succeeded(), report.toString());
        assertEquals(List.of("vpc-1"), copies.deleted);
        assertEquals(List.of("vpc-2"), copies.cloud.get("vpc"));
        assertFalse(engine.plan(List.of(graphOf(copies))).hasChanges(), "nothing left to do");
    }

    @Test
    void duplicatesOfDependentsGoBeforeDuplicatesOfTheirParents() {
        Copies copies = new Copies();
        copies.cloud.put("vpc", new ArrayList<>(List.of("vpc-1", "vpc-2")));
        copies.cloud.put("subnet", new ArrayList<>(List.of("subnet-1", "subnet-2")));
        engine.apply(engine.plan(List.of(graphOf(copies))));
        assertEquals(List.of("subnet-2", "vpc-2"), copies.deleted);
    }

    @Test
    void downDeletesEveryCopy() {
        Copies copies = new Copies();
        copies.cloud.put("vpc", new ArrayList<>(List.of("vpc-1", "vpc-2", "vpc-3")));
        copies.cloud.put("subnet", new ArrayList<>(List.of("subnet-1")));
        RunReport report = engine.destroy(engine.planDestroy(List.of(graphOf(copies)), false));
        assertTrue(report.succeeded(), report.toString());
        assertTrue(copies.cloud.isEmpty(), copies.cloud.toString());
        assertTrue(copies.deleted.indexOf("subnet-1") < copies.deleted.indexOf("vpc-1"), copies.deleted.toString());
    }

    @Test
    void dependentsOfAnUnreadableParentAreUnknownNotDrifted() {
        FakeReconciler fake = new FakeReconciler();
        fake.cloud.put("child", "changed by hand"); // would be drift if it were compared
        Reconciler<FakeReconciler.Spec, FakeReconciler.Actual> throttled = new FakeReconciler() {
            @Override
            public Optional<Actual> observe(Spec spec, RegionContext ctx) {
                throw new IllegalStateException("Throttling: Rate exceeded");
            }
        };
        RegionGraph g = new RegionGraph(new RegionContext("r1", "proj", null, Progress.SILENT));
        ResourceKey parent = g.add(new ResourceKey("r1", "fake/thing", "parent"), throttled, FakeReconciler.Spec.of("p", "v"));
        g.add(new ResourceKey("r1", "fake/thing", "child"), fake, FakeReconciler.Spec.of("child", "v"), parent);

        Plan plan = engine.plan(List.of(g));

        assertFalse(plan.hasChanges(), "nothing is reported as drift: " + plan.allChanges());
        List<NodeResult> unread = plan.regions().get(0).observeFailures();
        assertEquals(2, unread.size());
        NodeResult child = unread.stream().filter(r -> r.key().name().equals("child")).findFirst().orElseThrow();
        assertEquals(NodeResult.Outcome.SKIPPED, child.outcome());
        assertTrue(child.message().startsWith("unknown: "), child.message());
    }

    @Test
    void anUnreadableRegionFailsAloneAndTheOtherIsApplied() {
        FakeReconciler fake = new FakeReconciler();
        RegionGraph good = new RegionGraph(new RegionContext("good", "proj", null, Progress.SILENT));
        good.add(new ResourceKey("good", "fake/thing", "a"), fake, FakeReconciler.Spec.of("a", "v"));
        RegionGraph bad = RegionGraph.unreadable(new RegionContext("bad", "proj", null, Progress.SILENT),
                "Unable to execute HTTP request: Connection refused");

        Plan plan = engine.plan(List.of(good, bad));
        RunReport report = engine.apply(plan);

        assertEquals(List.of("create a"), fake.log);
        List<NodeResult> failed = report.with(NodeResult.Outcome.FAILED);
        assertEquals(1, failed.size(), report.toString());
        assertEquals("bad", failed.get(0).key().region());
        assertTrue(failed.get(0).message().startsWith("reading region bad: Unable to execute HTTP request"),
                failed.get(0).message());
    }
}
