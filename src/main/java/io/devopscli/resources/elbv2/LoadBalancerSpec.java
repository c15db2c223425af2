package io.devopscli.resources.elbv2;

import io.devopscli.engine.ResourceKey;
import io.devopscli.resources.ResourceTraits;
import java.util.List;

/**
 * An Application Load Balancer in the given subnets with the given security groups. name is the full
 * name (the Name tag, e.g. "P-alb"); the AWS name is physicalName(), cut to 32 characters when needed.
 * Type and scheme are immutable; subnets, security groups and the IP address type can change in place.
 */
public record LoadBalancerSpec(String name, List<ResourceKey> subnets, List<ResourceKey> securityGroups,
                               String scheme, String type, String ipAddressType) implements ResourceTraits {
    /** Replacing it loses data or takes long to bring back: see ResourceTraits. */
    @Override
    public boolean guardedAgainstReplace() {
        return true;
    }

    public LoadBalancerSpec {
        subnets = List.copyOf(subnets);
        securityGroups = List.copyOf(securityGroups);
    }

    /** The one load balancer of a region: internet-facing, application, ipv4. */
    public static LoadBalancerSpec internetFacing(String name, List<ResourceKey> publicSubnets,
                                                  List<ResourceKey> securityGroups) {
        return new LoadBalancerSpec(name, publicSubnets, securityGroups, "internet-facing", "application", "ipv4");
    }

    public String physicalName() {
        return ElbNames.fit(name);
    }
}
