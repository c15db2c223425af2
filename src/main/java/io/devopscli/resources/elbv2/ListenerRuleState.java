package io.devopscli.resources.elbv2;

import java.util.List;

/**
 * An owned listener rule as observed. conditions are rendered ("host-header=[a.example.com]"), since they
 * hold no ids; diff maps the target group ARNs of the actions back to graph keys with the engine's Refs.
 */
public record ListenerRuleState(String arn, String priority, List<String> conditions,
                                List<RuleAction> actions) {
    public ListenerRuleState {
        conditions = List.copyOf(conditions);
        actions = List.copyOf(actions);
    }
}
