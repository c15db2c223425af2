package io.devopscli.resources.elbv2;

import io.devopscli.resources.ec2.ParentIds;
import java.util.List;

/**
 * An owned load balancer as observed. parents maps the ids of the spec's subnets and security groups back
 * to their graph keys, so diff can stay pure. dnsName is what `status` probes.
 */
public record LoadBalancerState(String arn, String name, String dnsName, String state, String scheme, String type,
                                String ipAddressType, List<String> subnetIds, List<String> securityGroupIds,
                                ParentIds parents) {
    public LoadBalancerState {
        subnetIds = List.copyOf(subnetIds);
        securityGroupIds = List.copyOf(securityGroupIds);
    }
}
