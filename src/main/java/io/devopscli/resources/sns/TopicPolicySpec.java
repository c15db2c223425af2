package io.devopscli.resources.sns;

import io.devopscli.engine.ResourceKey;

/**
 * The access policy of one of our topics (topic publishes its ARN): the account's default statement, plus
 * EventBridge allowed to publish for exactly the named rules of this region (EventBridge publishes to an
 * SNS target as itself, which the default policy does not allow).
 */
public record TopicPolicySpec(ResourceKey topic, java.util.List<String> eventRuleNames) {
    public TopicPolicySpec {
        eventRuleNames = java.util.List.copyOf(eventRuleNames);
    }
}
