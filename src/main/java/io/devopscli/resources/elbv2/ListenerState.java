package io.devopscli.resources.elbv2;

import io.devopscli.resources.ec2.ParentIds;
import java.util.List;

/** A listener on our load balancer as observed; parents maps target group ARNs back to graph keys. */
public record ListenerState(String arn, String loadBalancerArn, String protocol, int port,
                            List<RuleAction> defaultActions, ParentIds parents) {
    public ListenerState {
        defaultActions = List.copyOf(defaultActions);
    }
}
