package io.devopscli.resources.elbv2;

import io.devopscli.engine.ResourceKey;

/**
 * A rule of the listener: requests whose Host header is host go to targetGroup. Every environment but
 * the last (which the listener's default action serves) has one, on host "<environment>.<domain>". name
 * is for the Name tag, by which the rule is found. Priority, host and target group all change in place.
 */
public record ListenerRuleSpec(String name, ResourceKey listener, int priority, String host,
                               ResourceKey targetGroup) {

    /** The rules come first in the listener by priority, 10 apart: the environment at index i gets 10 * (i + 1). */
    public static int priorityOf(int index) {
        return 10 * (index + 1);
    }
}
