package io.devopscli.engine;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One vertex of a region's graph: a key, a reconciler with its spec, and the keys it depends on.
 * Type parameters are hidden behind these methods so the executor can treat every node alike.
 */
public final class Node<S, A> {
    private final ResourceKey key;
    private final Reconciler<S, A> reconciler;
    private final S spec;
    private final Set<ResourceKey> dependsOn;

    public Node(ResourceKey key, Reconciler<S, A> reconciler, S spec, Set<ResourceKey> dependsOn) {
        this.key = key;
        this.reconciler = reconciler;
        this.spec = spec;
        this.dependsOn = Set.copyOf(dependsOn);
    }

    public ResourceKey key() {
        return key;
    }

    public S spec() {
        return spec;
    }

    public Set<ResourceKey> dependsOn() {
        return dependsOn;
    }

    public Reconciler<S, A> reconciler() {
        return reconciler;
    }

    /** Observes and diffs: the node's change, with the observed resource kept for apply. */
    public Observed observe(RegionContext ctx) {
        Optional<A> actual = reconciler.observe(spec, ctx);
        if (actual.isEmpty()) {
            return new Observed(new Change(key, Action.CREATE, List.of()), null);
        }
        ctx.publish(key, reconciler.id(actual.get()), actual.get());
        return new Observed(Change.of(key, reconciler.diff(spec, actual.get())), actual.get());
    }

    /** Carries out the planned change; publishes the resulting id for dependents. */
    @SuppressWarnings("unchecked")
    public void apply(Change change, Object observed, RegionContext ctx) {
        A actual = (A) observed;
        A result = switch (change.action()) {
            case NOOP -> actual;
            case CREATE -> reconciler.create(spec, ctx);
            case UPDATE -> reconciler.update(spec, actual, change.fields(), ctx);
            case REPLACE -> {
                reconciler.delete(actual, ctx);
                yield reconciler.create(spec, ctx);
            }
            case DELETE -> {
                reconciler.delete(actual, ctx);
                yield null;
            }
        };
        if (result != null) {
            ctx.publish(key, reconciler.id(result), result);
        }
    }

    /** Whether the observed resource holds data that down keeps unless purging. */
    @SuppressWarnings("unchecked")
    public boolean holdsData(Object observed) {
        return observed != null && reconciler.holdsData((A) observed);
    }

    /** What observe found: the planned change and the actual resource (null when missing). */
    public record Observed(Change change, Object actual) {}
}
