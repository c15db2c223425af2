package io.devopscli.resources.elbv2;

import java.util.List;

/**
 * A listener on our load balancer as observed (diff maps target group and certificate ARNs back to graph
 * keys with the engine's Refs).
 * certificates are the ARNs of its default certificates, sslPolicy its TLS policy (both null for HTTP).
 */
public record ListenerState(String arn, String loadBalancerArn, String protocol, int port,
                            List<RuleAction> defaultActions, List<String> certificates,
                            String sslPolicy) {
    public ListenerState {
        defaultActions = List.copyOf(defaultActions);
        certificates = certificates == null ? List.of() : List.copyOf(certificates);
    }
}
