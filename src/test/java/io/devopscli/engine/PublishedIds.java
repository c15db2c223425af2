package io.devopscli.engine;

/** For tests of one reconciler outside a plan: the id a parent node would have published to its context. */
public final class PublishedIds {
    private PublishedIds() {
    }

    public static void publish(RegionContext ctx, ResourceKey key, String id) {
        ctx.publish(key, id, null);
    }
}
