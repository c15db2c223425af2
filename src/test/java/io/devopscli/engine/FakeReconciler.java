package io.devopscli.engine;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An in-memory cloud for engine tests: resources are name -> value, and every create/update/delete is
 * recorded in order so tests can check what ran, in which order, and that a second run changes nothing.
 */
class FakeReconciler implements Reconciler<FakeReconciler.Spec, FakeReconciler.Actual>,
        Updatable<FakeReconciler.Spec, FakeReconciler.Actual> {
    record Spec(String name, String value, boolean immutable) {
        static Spec of(String name, String value) {
            return new Spec(name, value, false);
        }
    }

    record Actual(String name, String value) {}

    final Map<String, String> cloud = new ConcurrentHashMap<>();
    final List<String> log = Collections.synchronizedList(new ArrayList<>());
    final Set<String> failing = ConcurrentHashMap.newKeySet();
    volatile long delayMillis;
    private final java.util.concurrent.atomic.AtomicInteger inFlight = new java.util.concurrent.atomic.AtomicInteger();
    final java.util.concurrent.atomic.AtomicInteger maxInFlight = new java.util.concurrent.atomic.AtomicInteger();

    @Override
    public Optional<Actual> observe(Spec spec, RegionContext ctx) {
        return Optional.ofNullable(cloud.get(spec.name())).map(v -> new Actual(spec.name(), v));
    }

    @Override
    public List<FieldChange> diff(Spec spec, Actual actual) {
        Diffs d = new Diffs();
        return spec.immutable() ? d.immutable("value", spec.value(), actual.value()).toList()
                : d.field("value", spec.value(), actual.value()).toList();
    }

    @Override
    public Actual create(Spec spec, RegionContext ctx) {
        act("create " + spec.name());
        cloud.put(spec.name(), spec.value());
        return new Actual(spec.name(), spec.value());
    }

    @Override
    public Actual update(Spec spec, Actual actual, List<FieldChange> changes, RegionContext ctx) {
        act("update " + spec.name());
        cloud.put(spec.name(), spec.value());
        return new Actual(spec.name(), spec.value());
    }

    @Override
    public void delete(Actual actual, RegionContext ctx) {
        act("delete " + actual.name());
        cloud.remove(actual.name());
    }

    @Override
    public String id(Actual actual) {
        return "id-" + actual.name();
    }

    private void act(String what) {
        String name = what.substring(what.indexOf(' ') + 1);
        if (failing.contains(name)) {
            throw new IllegalStateException("boom on " + name);
        }
        maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
        try {
            if (delayMillis > 0) {
                Thread.sleep(delayMillis);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            inFlight.decrementAndGet();
        }
        log.add(what);
    }
}
