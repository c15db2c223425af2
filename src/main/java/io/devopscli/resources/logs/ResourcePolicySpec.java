package io.devopscli.resources.logs;

import io.devopscli.engine.ResourceKey;

/**
 * A CloudWatch Logs resource policy letting EventBridge write to one log group (logGroup publishes the
 * group's name): EventBridge delivers to a log group as itself, so the group must allow it, the way a
 * bucket policy allows a service. name is the policy's name, unique per account and region.
 */
public record ResourcePolicySpec(String name, ResourceKey logGroup) {}
