package io.devopscli.resources.ec2;

import io.devopscli.engine.RegionContext;
import io.devopscli.engine.ResourceKey;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The physical ids of the graph resources a spec refers to, as published when this resource was
 * observed (the engine observes parents first). Actual states carry it so that diff, which must stay
 * pure, can render an actual id as the graph key it belongs to ("igw:main") and compare that with the
 * spec. An id of no referenced key renders as itself, so it never matches a desired key. A parent that
 * does not exist yet has no id here: anything actual then differs from the spec, which is right,
 * because the parent is created first and the update then points at it.
 */
public record ParentIds(Map<ResourceKey, String> ids) {
    public ParentIds {
        ids = Map.copyOf(ids);
    }

    public static ParentIds none() {
        return new ParentIds(Map.of());
    }

    public static ParentIds resolve(RegionContext ctx, Collection<ResourceKey> keys) {
        Map<ResourceKey, String> ids = new LinkedHashMap<>();
        for (ResourceKey key : keys) {
            ctx.idOf(key).ifPresent(id -> ids.put(key, id));
        }
        return new ParentIds(ids);
    }

    public Optional<ResourceKey> keyOf(String id) {
        return ids.entrySet().stream().filter(e -> e.getValue().equals(id)).map(Map.Entry::getKey).findFirst();
    }

    /** The key's name when id belongs to a referenced key, else the id itself. */
    public String render(String id) {
        return keyOf(id).map(ResourceKey::name).orElse(id);
    }
}
