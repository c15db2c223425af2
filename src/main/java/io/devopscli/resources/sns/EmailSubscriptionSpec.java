package io.devopscli.resources.sns;

import io.devopscli.engine.ResourceKey;

/** An email subscription of one address to a topic of the graph (the parent key, whose id is the topic ARN). */
public record EmailSubscriptionSpec(ResourceKey topic, String email) {}
