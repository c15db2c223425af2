package io.devopscli.resources.elbv2;

import io.devopscli.resources.ec2.ParentIds;
import java.util.List;

/**
 * A listener on our load balancer as observed; parents maps target group ARNs back to graph keys.
 * certificates are the ARNs of its default certificates, sslPolicy its TLS policy (both null for HTTP).
 */
public record ListenerState(String arn, String loadBalancerArn, String protocol, int port,
                            List<RuleAction> defaultActions, ParentIds parents, List<String> certificates,
                            String sslPolicy) {
    public ListenerState {
        defaultActions = List.copyOf(defaultActions);
        certificates = certificates == null ? List.of() : List.copyOf(certificates);
    }
}
