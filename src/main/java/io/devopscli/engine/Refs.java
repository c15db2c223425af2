package io.devopscli.engine;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The physical ids of a node's parents (the keys it depends on), resolved by the engine and handed to
 * diff, so observed states need not carry them. Diff, which must stay pure, renders an actual id as the
 * graph key it belongs to ("vpc:main") and compares that with the spec. An id of no parent renders as
 * itself, so it never matches a desired key; a parent that does not exist yet has no id, so anything
 * actual differs from the spec, which is right: the parent is created first and the update points at it.
 * Resolved on first use: a diff that needs no parent never waits for one's observation.
 */
public final class Refs {
    private final Supplier<Map<ResourceKey, String>> ids;
    private volatile Map<ResourceKey, String> resolved;

    private Refs(Supplier<Map<ResourceKey, String>> ids) {
        this.ids = ids;
    }

    public static Refs none() {
        return of(Map.of());
    }

    public static Refs of(Map<ResourceKey, String> ids) {
        Map<ResourceKey, String> copy = Map.copyOf(ids);
        return new Refs(() -> copy);
    }

    /** The ids the region has published for these keys, read when first asked for. */
    public static Refs of(RegionContext ctx, Collection<ResourceKey> keys) {
        return new Refs(() -> {
            Map<ResourceKey, String> found = new LinkedHashMap<>();
            keys.forEach(key -> ctx.idOf(key).ifPresent(id -> found.put(key, id)));
            return found;
        });
    }

    private Map<ResourceKey, String> ids() {
        Map<ResourceKey, String> map = resolved;
        if (map == null) {
            map = Map.copyOf(ids.get());
            resolved = map;
        }
        return map;
    }

    public Optional<String> idOf(ResourceKey key) {
        return Optional.ofNullable(ids().get(key));
    }

    public Optional<ResourceKey> keyOf(String id) {
        return ids().entrySet().stream().filter(e -> e.getValue().equals(id)).map(Map.Entry::getKey).findFirst();
    }

    /** The key's name when id belongs to a parent, else the id itself. */
    public String render(String id) {
        return keyOf(id).map(ResourceKey::name).orElse(id);
    }
}
