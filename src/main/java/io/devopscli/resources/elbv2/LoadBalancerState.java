package io.devopscli.resources.elbv2;

import java.util.List;

/**
 * An owned load balancer as observed, subnets and security groups by id (diff maps them back to graph keys
 * with the engine's Refs). dnsName is what `status` probes.
 */
public record LoadBalancerState(String arn, String name, String dnsName, String state, String scheme, String type,
                                String ipAddressType, List<String> subnetIds, List<String> securityGroupIds) {
    public LoadBalancerState {
        subnetIds = List.copyOf(subnetIds);
        securityGroupIds = List.copyOf(securityGroupIds);
    }
}
