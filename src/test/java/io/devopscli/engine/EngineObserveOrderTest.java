package io.devopscli.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.RepeatedTest;

/** A child is observed after its parents, so its observe can resolve their ids (ctx.idOf). */
class EngineObserveOrderTest {

    /** Spec = its id; observing takes a while, as a describe would. */
    private static final class Slow implements Reconciler<String, String> {
        public Optional<String> observe(String id, RegionContext ctx) {
            try {
                Thread.sleep(30);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return Optional.of(id);
        }
        public List<FieldChange> diff(String s, String a) { return List.of(); }
        public String create(String s, RegionContext c) { return s; }
        public String update(String s, String a, List<FieldChange> f, RegionContext c) { return a; }
        public void delete(String a, RegionContext c) { }
        public String id(String a) { return a; }
    }

    /** Reports, as its one field, the parent id it saw while observing. */
    private static final class Child implements Reconciler<ResourceKey, String> {
        public Optional<String> observe(ResourceKey parent, RegionContext ctx) {
            return Optional.of(ctx.idOf(parent).orElse("unknown"));
        }
        public List<FieldChange> diff(ResourceKey s, String seen) { return List.of(FieldChange.of("parentSeen", "", seen)); }
        public String create(ResourceKey s, RegionContext c) { return "x"; }
        public String update(ResourceKey s, String a, List<FieldChange> f, RegionContext c) { return a; }
        public void delete(String a, RegionContext c) { }
        public String id(String a) { return a; }
    }

    @RepeatedTest(3)
    void childSeesItsParentsIdDuringPlan() {
        RegionGraph g = new RegionGraph(new RegionContext("r", "p", null, Progress.SILENT));
        ResourceKey parent = g.add(new ResourceKey("r", "t/parent", "p"), new Slow(), "subnet-9");
        ResourceKey child = g.add(new ResourceKey("r", "t/child", "c"), new Child(), parent, parent);
        try (Engine engine = new Engine(4)) {
            Change change = engine.plan(List.of(g)).allChanges().stream().filter(c -> c.key().equals(child))
                    .findFirst().orElseThrow();
            assertEquals("subnet-9", change.fields().get(0).actual());
        }
    }
}
