package io.devopscli.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Replacement cascades on a hand-built graph over an in-memory cloud whose ids change when a resource is
 * recreated, so a re-pointed dependent really has a new id to point at:
 * <pre>
 * vpc <- subnet-a <- nat
 *     <- subnet-b
 *  subnet-a, subnet-b <- lb <- alarm (re-pointed), pipeline (kept) <- rule
 * log (independent)
 * </pre>
 */
class ReplacementCascadeTest {
    private static final String R = "r1";
    private final Cloud cloud = new Cloud();
    private final CascadeRule rule = new CascadeRule() {
        @Override
        public Reaction onParentReplaced(ResourceKey dependent, ResourceKey parent) {
            return switch (dependent.kind()) {
                case "alarm" -> CascadeRule.Reaction.REPOINT;
                case "pipeline" -> CascadeRule.Reaction.KEEP;
                default -> CascadeRule.Reaction.REPLACE;
            };
        }

        @Override
        public boolean refersAcrossRegions(ResourceKey dependent, ResourceKey parent) {
            return dependent.kind().equals("records") && parent.kind().equals("lb");
        }
    };
    private final Engine engine = new Engine(8, rule);

    @AfterEach
    void close() {
        engine.close();
    }

    private RegionGraph graph(String vpcCidr) {
        RegionGraph g = new RegionGraph(new RegionContext(R, "proj", null, Progress.SILENT));
        ResourceKey vpc = add(g, "vpc", vpcCidr);
        ResourceKey a = add(g, "subnet", "a", vpc);
        ResourceKey b = add(g, "subnet", "b", vpc);
        add(g, "nat", "n", a);
        ResourceKey lb = add(g, "lb", "l", a, b);
        add(g, "alarm", "x", lb);
        ResourceKey pipeline = add(g, "pipeline", "p", lb);
        add(g, "rule", "r", pipeline);
        add(g, "log", "30");
        return g;
    }

    private ResourceKey add(RegionGraph g, String kind, String value, ResourceKey... parents) {
        ResourceKey key = new ResourceKey(R, "t/" + kind, kind.equals("subnet") ? "subnet-" + value : kind);
        // the pipeline names its parents (as a real one names services): a new id changes nothing for it
        g.add(key, cloud, new Cloud.Spec(key.name(), value, List.of(parents), kind.equals("pipeline")), parents);
        return key;
    }

    private static ResourceKey key(String type, String name) {
        return new ResourceKey(R, "t/" + type, name);
    }

    private Map<String, Change> byName(Plan plan) {
        Map<String, Change> m = new LinkedHashMap<>();
        plan.allChanges().forEach(c -> m.put(c.key().name(), c));
        return m;
    }

    @Test
    void aReplacedVpcTakesEverythingInItAlongWithTheReason() {
        engine.apply(engine.plan(List.of(graph("10.0.0.0/16"))));
        cloud.log.clear();

        Plan plan = engine.plan(List.of(graph("10.5.0.0/16")));

        assertEquals(List.of(), cloud.log, "planning changes nothing (what --dry-run shows)");
        Map<String, Change> c = byName(plan);
        assertEquals(Action.REPLACE, c.get("vpc").action());
        assertEquals("", c.get("vpc").reason(), "the vpc is replaced for its own field");
        for (String name : List.of("subnet-a", "subnet-b", "nat", "lb")) {
            assertEquals(Action.REPLACE, c.get(name).action(), name);
            assertEquals(key("vpc", "vpc"), c.get(name).cascade().orElseThrow().root(), name);
        }
        assertEquals("replaced because t/vpc vpc is replaced", c.get("subnet-a").reason());
        assertEquals("replaced because t/subnet subnet-a is replaced", c.get("nat").reason());
        assertEquals("replaced because t/subnet subnet-a is replaced", c.get("lb").reason());
        assertEquals(Action.UPDATE, c.get("alarm").action());
        assertEquals("re-pointed because t/lb lb is replaced", c.get("alarm").reason());
        assertEquals(Action.NOOP, c.get("pipeline").action(), "kept: it names the lb by a name that stays");
        assertEquals(Action.NOOP, c.get("rule").action(), "below a kept resource nothing changes");
        assertEquals(Action.NOOP, c.get("log").action());
        assertEquals(5, plan.regions().get(0).count(Action.REPLACE));
    }

    @Test
    void applyDeletesDependentsFirstThenCreatesInOrderAndRepointsTheRest() {
        engine.apply(engine.plan(List.of(graph("10.0.0.0/16"))));
        String oldLb = cloud.idOf("lb");
        cloud.log.clear();

        RunReport report = engine.apply(engine.plan(List.of(graph("10.5.0.0/16"))));

        assertTrue(report.succeeded(), report.toString());
        List<String> log = cloud.log;
        int lastDelete = 0;
        int firstCreate = log.size();
        for (int i = 0; i < log.size(); i++) {
            if (log.get(i).startsWith("delete")) {
                lastDelete = i;
            } else if (log.get(i).startsWith("create")) {
                firstCreate = Math.min(firstCreate, i);
            }
        }
        assertTrue(lastDelete < firstCreate, "every old one goes before any new one: " + log);
        assertBefore(log, "delete nat", "delete subnet-a");
        assertBefore(log, "delete lb", "delete subnet-a");
        assertBefore(log, "delete lb", "delete subnet-b");
        assertBefore(log, "delete subnet-a", "delete vpc");
        assertBefore(log, "delete subnet-b", "delete vpc");
        assertBefore(log, "create vpc", "create subnet-a");
        assertBefore(log, "create subnet-a", "create nat");
        assertBefore(log, "create subnet-b", "create lb");
        assertBefore(log, "create lb", "update alarm");
        assertEquals(11, log.size(), "5 deletes, 5 creates, 1 update, nothing else: " + log);
        assertEquals("10.5.0.0/16", cloud.valueOf("vpc"));
        assertEquals(cloud.idOf("lb"), cloud.refsOf("alarm").get(0), "the alarm points at the new lb");
        assertFalse(cloud.idOf("lb").equals(oldLb));
        assertEquals(cloud.idOf("vpc"), cloud.refsOf("subnet-a").get(0));

        cloud.log.clear();
        Plan again = engine.plan(List.of(graph("10.5.0.0/16")));
        assertFalse(again.hasChanges(), again.toString());
        engine.apply(again);
        assertEquals(List.of(), cloud.log);
    }

    @Test
    void aDeleteThatFailsKeepsTheOldParentAndASecondRunFinishes() {
        engine.apply(engine.plan(List.of(graph("10.0.0.0/16"))));
        cloud.failing.add("subnet-b");
        cloud.log.clear();

        RunReport first = engine.apply(engine.plan(List.of(graph("10.5.0.0/16"))));

        assertFalse(first.succeeded());
        assertFalse(cloud.log.contains("delete vpc"), "the vpc stays while something in it could not go: " + cloud.log);
        assertFalse(cloud.log.stream().anyMatch(l -> l.startsWith("create vpc")), cloud.log.toString());
        NodeResult vpc = first.results().stream().filter(r -> r.key().name().equals("vpc")).findFirst().orElseThrow();
        assertEquals(NodeResult.Outcome.SKIPPED, vpc.outcome());
        assertEquals(Action.REPLACE, vpc.action());
        assertEquals(1, first.results().stream().filter(r -> r.key().name().equals("vpc")).count(), "one result per resource");

        cloud.failing.clear();
        RunReport second = engine.apply(engine.plan(List.of(graph("10.5.0.0/16"))));
        assertTrue(second.succeeded(), second.toString());
        assertEquals("10.5.0.0/16", cloud.valueOf("vpc"));
        assertEquals(Set.of("vpc", "subnet-a", "subnet-b", "nat", "lb", "alarm", "pipeline", "rule", "log"),
                cloud.names());
        assertFalse(engine.plan(List.of(graph("10.5.0.0/16"))).hasChanges());
    }

    @Test
    void aCascadeReachingADataHolderIsRefusedAndChangesNothing() {
        engine.apply(engine.plan(List.of(graph("10.0.0.0/16"))));
        cloud.holdingData.add("nat");
        cloud.log.clear();

        Plan plan = engine.plan(List.of(graph("10.5.0.0/16")));

        NodeResult refused = plan.regions().get(0).observeFailures().get(0);
        assertEquals("vpc", refused.key().name());
        assertTrue(refused.message().contains("refused, it would replace t/nat nat (replaced because t/subnet subnet-a"
                + " is replaced), which holds data"), refused.message());
        assertFalse(byName(plan).containsKey("vpc"));
        assertEquals(Action.NOOP, byName(plan).get("subnet-a").action(), "no cascade without its root");
        RunReport report = engine.apply(plan);
        assertFalse(report.succeeded());
        assertEquals(List.of(), cloud.log, "nothing deleted");
    }

    @Test
    void aMissingDependentIsCreatedAfterTheNewParentAndNotReplaced() {
        engine.apply(engine.plan(List.of(graph("10.0.0.0/16"))));
        cloud.remove("nat");
        cloud.log.clear();

        Plan plan = engine.plan(List.of(graph("10.5.0.0/16")));
        assertEquals(Action.CREATE, byName(plan).get("nat").action());
        engine.apply(plan);
        assertBefore(cloud.log, "create subnet-a", "create nat");
        assertFalse(cloud.log.contains("delete nat"));
    }

    @Test
    void withoutRulesEveryDependentIsReplaced() {
        try (Engine plain = new Engine(4)) {
            plain.apply(plain.plan(List.of(graph("10.0.0.0/16"))));
            Map<String, Change> c = byName(plain.plan(List.of(graph("10.5.0.0/16"))));
            assertEquals(Action.REPLACE, c.get("alarm").action());
            assertEquals(Action.REPLACE, c.get("rule").action());
            assertEquals("replaced because t/pipeline pipeline is replaced", c.get("rule").reason());
            assertEquals(Action.NOOP, c.get("log").action());
        }
    }

    /** r2's records alias r1's lb by name (no edge): re-pointed once r1's new lb exists, not before. */
    @Test
    void whatAnotherRegionReadsByNameIsRepointedAfterTheNewParentExists() {
        Records records = new Records(cloud);
        engine.apply(engine.plan(List.of(graph("10.0.0.0/16"), recordsGraph(records))));
        cloud.log.clear();
        cloud.slow.add("lb"); // without the wait, r2 would read the lb while r1 is still making it

        Plan plan = engine.plan(List.of(graph("10.5.0.0/16"), recordsGraph(records)));
        Change c = plan.regions().get(1).changes().get(0);
        assertEquals(Action.UPDATE, c.action());
        assertEquals("re-pointed because t/lb lb in r1 is replaced", c.reason());
        RunReport report = engine.apply(plan);

        assertTrue(report.succeeded(), report.toString());
        assertEquals(cloud.idOf("lb"), records.target.get(), "the record aliases the new lb");
        assertBefore(cloud.log, "create lb", "update records");
        assertFalse(engine.plan(List.of(graph("10.5.0.0/16"), recordsGraph(records))).hasChanges());
    }

    private static RegionGraph recordsGraph(Records records) {
        RegionGraph g = new RegionGraph(new RegionContext("r2", "proj", null, Progress.SILENT));
        g.add(new ResourceKey("r2", "t/records", "app"), records, "lb");
        return g;
    }

    /** A record that aliases a load balancer of another region, found by its name when read. */
    static final class Records implements Reconciler<String, String[]>, Updatable<String, String[]> {
        private final Cloud cloud;
        final java.util.concurrent.atomic.AtomicReference<String> target = new java.util.concurrent.atomic.AtomicReference<>();

        Records(Cloud cloud) {
            this.cloud = cloud;
        }

        @Override
        public Optional<String[]> observe(String lbName, RegionContext ctx) {
            return Optional.ofNullable(target.get()).map(t -> new String[] {t, cloud.findId(lbName)});
        }

        @Override
        public List<FieldChange> diff(String lbName, String[] actual) {
            return new Diffs().field("alias", actual[1], actual[0]).toList();
        }

        @Override
        public String[] create(String lbName, RegionContext ctx) {
            cloud.log.add("create records");
            target.set(cloud.findId(lbName));
            return new String[] {target.get(), target.get()};
        }

        @Override
        public String[] update(String lbName, String[] actual, List<FieldChange> changes, RegionContext ctx) {
            cloud.log.add("update records");
            target.set(cloud.findId(lbName));
            return new String[] {target.get(), target.get()};
        }

        @Override
        public void delete(String[] actual, RegionContext ctx) {
            target.set(null);
        }

        @Override
        public String id(String[] actual) {
            return "records";
        }
    }

    private static void assertBefore(List<String> log, String first, String second) {
        assertTrue(log.contains(first) && log.contains(second) && log.indexOf(first) < log.indexOf(second),
                first + " before " + second + ": " + log);
    }

    /**
     * A cloud where every create makes a new id, and a resource records the ids of the parents it points
     * at: a dependent left pointing at a replaced parent's old id is drift (a mutable field).
     */
    static final class Cloud implements Reconciler<Cloud.Spec, Cloud.Res>, Updatable<Cloud.Spec, Cloud.Res> {
        record Spec(String name, String value, List<ResourceKey> parents, boolean byName) {
            List<String> refs(RegionContext ctx, boolean required) {
                return parents.stream().map(p -> byName ? p.name() : required ? ctx.requireId(p) : ctx.idOf(p).orElse("?"))
                        .toList();
            }
        }

        /** seen: the parents' ids as published when this was observed (what it should point at). */
        record Res(String id, String name, String value, List<String> refs, List<String> seen) {}

        private final Map<String, Res> resources = new ConcurrentHashMap<>();
        private final AtomicInteger ids = new AtomicInteger();
        final List<String> log = Collections.synchronizedList(new ArrayList<>());
        final Set<String> failing = ConcurrentHashMap.newKeySet();
        final Set<String> holdingData = ConcurrentHashMap.newKeySet();
        final Set<String> slow = ConcurrentHashMap.newKeySet();

        @Override
        public Optional<Res> observe(Spec spec, RegionContext ctx) {
            return Optional.ofNullable(resources.get(spec.name())).map(r -> new Res(r.id(), r.name(), r.value(), r.refs(),
                    spec.refs(ctx, false)));
        }

        @Override
        public List<FieldChange> diff(Spec spec, Res actual) {
            return new Diffs().immutable("value", spec.value(), actual.value()).field("refs", actual.seen(), actual.refs())
                    .toList();
        }

        @Override
        public Res create(Spec spec, RegionContext ctx) {
            if (slow.contains(spec.name())) {
                try {
                    Thread.sleep(300);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            act("create", spec.name());
            List<String> refs = spec.refs(ctx, true);
            Res r = new Res(spec.name() + "#" + ids.incrementAndGet(), spec.name(), spec.value(), refs, refs);
            resources.put(spec.name(), r);
            return r;
        }

        @Override
        public Res update(Spec spec, Res actual, List<FieldChange> changes, RegionContext ctx) {
            act("update", spec.name());
            List<String> refs = spec.refs(ctx, true);
            Res r = new Res(actual.id(), spec.name(), spec.value(), refs, refs);
            resources.put(spec.name(), r);
            return r;
        }

        @Override
        public void delete(Res actual, RegionContext ctx) {
            act("delete", actual.name());
            resources.remove(actual.name());
        }

        @Override
        public String id(Res actual) {
            return actual.id();
        }

        @Override
        public boolean holdsData(Res actual) {
            return holdingData.contains(actual.name());
        }

        private void act(String verb, String name) {
            if (failing.contains(name) && !verb.equals("create")) {
                throw new IllegalStateException("boom on " + name);
            }
            log.add(verb + " " + name);
        }

        String findId(String name) {
            Res r = resources.get(name);
            return r == null ? "none" : r.id();
        }

        String idOf(String name) {
            return resources.get(name).id();
        }

        String valueOf(String name) {
            return resources.get(name).value();
        }

        List<String> refsOf(String name) {
            return resources.get(name).refs();
        }

        Set<String> names() {
            return Set.copyOf(resources.keySet());
        }

        void remove(String name) {
            resources.remove(name);
        }
    }
}
