package io.devopscli.resources.elbv2;

import io.devopscli.resources.ec2.ParentIds;
import java.util.List;

/**
 * An owned listener rule as observed. conditions are rendered ("host-header=[a.example.com]"), since they
 * hold no ids; parents maps target group ARNs of the actions back to graph keys.
 */
public record ListenerRuleState(String arn, String priority, List<String> conditions,
                                List<RuleAction> actions, ParentIds parents) {
    public ListenerRuleState {
        conditions = List.copyOf(conditions);
        actions = List.copyOf(actions);
    }
}
