package io.devopscli.resources.elbv2;

import io.devopscli.engine.ResourceKey;

/**
 * A rule of the listener: requests whose Host header is host go to targetGroup. name is for the Name
 * tag, by which the rule is found. Priority, host and target group all change in place.
 */
public record ListenerRuleSpec(String name, ResourceKey listener, int priority, String host,
                               ResourceKey targetGroup) {

    /** The staging rule: priority 10, host staging.<domain>. */
    public static ListenerRuleSpec staging(String name, ResourceKey listener, String domain,
                                           ResourceKey stagingTargetGroup) {
        return new ListenerRuleSpec(name, listener, 10, "staging." + domain, stagingTargetGroup);
    }
}
