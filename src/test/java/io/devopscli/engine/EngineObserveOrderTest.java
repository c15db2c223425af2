package io.devopscli.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/** Observe runs parents before children, so a child's observe can read its parents' published ids. */
class EngineObserveOrderTest {

    /** A resource that exists with a fixed id; it records which parent ids it saw when observed. */
    private static class Fake implements Reconciler<String, String> {
        private final Map<String, Optional<String>> seen;
        private final ResourceKey parent;
        private final long observeMillis;

        Fake(Map<String, Optional<String>> seen, ResourceKey parent, long observeMillis) {
            this.seen = seen;
            this.parent = parent;
            this.observeMillis = observeMillis;
        }

        @Override
        public Optional<String> observe(String spec, RegionContext ctx) {
            try {
                Thread.sleep(observeMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (parent != null) {
                seen.put(spec, ctx.idOf(parent));
            }
            return Optional.of("id-" + spec);
        }

        @Override
        public List<FieldChange> diff(String spec, String actual) {
            return List.of();
        }

        @Override
        public String create(String spec, RegionContext ctx) {
            throw new UnsupportedOperationException("every fake exists");
        }


        @Override
        public void delete(String actual, RegionContext ctx) {
            throw new UnsupportedOperationException("not deleted here");
        }

        @Override
        public String id(String actual) {
            return actual;
        }
    }

    @Test
    void childrenObserveAfterTheirParentsWereObservedAndPublished() {
        Map<String, Optional<String>> seen = new ConcurrentHashMap<>();
        RegionGraph graph = new RegionGraph(new RegionContext("r", "p", null, Progress.SILENT));
        ResourceKey vpc = graph.add(new ResourceKey("r", "ec2/vpc", "main"), new Fake(seen, null, 300), "vpc");
        ResourceKey subnet = graph.add(new ResourceKey("r", "ec2/subnet", "a"), new Fake(seen, vpc, 100), "subnet", vpc);
        graph.add(new ResourceKey("r", "ec2/route-table", "public"), new Fake(seen, subnet, 0), "table", subnet);
        graph.add(new ResourceKey("r", "ec2/security-group", "web"), new Fake(seen, vpc, 0), "group", vpc);

        try (Engine engine = new Engine(8)) {
            engine.plan(List.of(graph));
        }

        assertEquals(Map.of("subnet", Optional.of("id-vpc"), "table", Optional.of("id-subnet"),
                "group", Optional.of("id-vpc")), seen);
    }

    /**
     * Reads that need no parent id do not wait for the parents: every node of a chain meets at one barrier
     * during observe, which only trips if all of them are being observed at the same time (observing in
     * dependency order would leave the barrier short and fail the plan's reads).
     */
    @Test
    void nodesThatNeedNoParentIdAreObservedAllAtOnce() {
        int depth = 6;
        java.util.concurrent.CyclicBarrier barrier = new java.util.concurrent.CyclicBarrier(depth);
        RegionGraph graph = new RegionGraph(new RegionContext("r", "p", null, Progress.SILENT));
        ResourceKey previous = null;
        for (int i = 0; i < depth; i++) {
            Reconciler<String, String> meets = new Fake(new ConcurrentHashMap<>(), null, 0) {
                @Override
                public Optional<String> observe(String spec, RegionContext ctx) {
                    try {
                        barrier.await(20, java.util.concurrent.TimeUnit.SECONDS);
                    } catch (Exception e) {
                        throw new IllegalStateException("not observed together: " + e);
                    }
                    return Optional.of("id-" + spec);
                }
            };
            ResourceKey key = new ResourceKey("r", "t/level", "n" + i);
            previous = previous == null ? graph.add(key, meets, "n" + i) : graph.add(key, meets, "n" + i, previous);
        }

        Plan plan;
        try (Engine engine = new Engine(depth)) {
            plan = engine.plan(List.of(graph));
        }

        assertEquals(List.of(), plan.regions().get(0).observeFailures());
        assertEquals(depth, plan.regions().get(0).count(Action.NOOP));
    }
}
