package io.devopscli.engine;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * What a reconciler sees of its region during one run: the region and project, the ids its parents
 * published, a per-run memo for batched describes, progress output, and the service clients (held as
 * an opaque object so the engine stays free of SDK types).
 */
public final class RegionContext {
    private final String region;
    private final String project;
    private final Object services;
    private final Progress progress;
    private final Map<ResourceKey, Published> published = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<Object>> memo = new ConcurrentHashMap<>();
    /** Nodes whose observation is under way: idOf waits for them instead of answering "unknown" too early. */
    private final Map<ResourceKey, CompletableFuture<Void>> observing = new ConcurrentHashMap<>();

    public RegionContext(String region, String project, Object services, Progress progress) {
        this.region = region;
        this.project = project;
        this.services = services;
        this.progress = progress;
    }

    public String region() {
        return region;
    }

    public String project() {
        return project;
    }

    public Progress progress() {
        return progress;
    }

    /** The service clients the aws layer put here, cast to the type the caller knows. */
    public <T> T services(Class<T> type) {
        return type.cast(services);
    }

    void publish(ResourceKey key, String id, Object actual) {
        published.put(key, new Published(id, actual));
    }

    /** Marks these nodes as being observed (the engine observes a region's nodes all at once). */
    void beginObserving(java.util.Collection<ResourceKey> keys) {
        keys.forEach(k -> observing.put(k, new CompletableFuture<>()));
    }

    /** The node's observation ended (found, missing or failed): whoever waits on its id may go on. */
    void observed(ResourceKey key) {
        CompletableFuture<Void> f = observing.remove(key);
        if (f != null) {
            f.complete(null);
        }
    }

    private Published published(ResourceKey key) {
        CompletableFuture<Void> pending = observing.get(key);
        if (pending != null) {
            pending.join();
        }
        return published.get(key);
    }

    /**
     * The physical id of a parent resource, present once it was observed or created. While the parent is
     * still being observed, this waits for it.
     */
    public Optional<String> idOf(ResourceKey key) {
        return Optional.ofNullable(published(key)).map(Published::id);
    }

    /** Like idOf, for a parent that must exist by the time a child is created. */
    public String requireId(ResourceKey key) {
        return idOf(key).orElseThrow(() -> new MissingId(key + " has no id yet"));
    }

    /** A parent without an id yet (it is to be created): what needs it can only be asked after that. */
    public static final class MissingId extends IllegalStateException {
        MissingId(String message) {
            super(message);
        }
    }

    /** The observed state of a parent resource, when a child needs more than its id. */
    public <T> Optional<T> actualOf(ResourceKey key, Class<T> type) {
        return Optional.ofNullable(published(key)).map(Published::actual).filter(type::isInstance)
                .map(type::cast);
    }

    /**
     * Computes a value once per run and region, however many nodes ask at the same time: one tag-filtered
     * describe serves every node of a type instead of one describe per node.
     */
    @SuppressWarnings("unchecked")
    public <T> T memo(String name, Supplier<T> supplier) {
        CompletableFuture<Object> mine = new CompletableFuture<>();
        CompletableFuture<Object> existing = memo.putIfAbsent(name, mine);
        if (existing == null) {
            try {
                mine.complete(supplier.get());
            } catch (RuntimeException e) {
                memo.remove(name, mine);
                mine.completeExceptionally(e);
                throw e;
            }
            return (T) mine.join();
        }
        try {
            return (T) existing.join();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw e;
        }
    }

    /** Forgets a memoised value, for a reconciler that must see its own writes. */
    public void forget(String name) {
        memo.remove(name);
    }

    private record Published(String id, Object actual) {}
}
