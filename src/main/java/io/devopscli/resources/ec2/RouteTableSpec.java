package io.devopscli.resources.ec2;

import io.devopscli.engine.ResourceKey;
import java.util.List;
import java.util.Optional;

/**
 * A route table of the VPC, associated with the given subnets, with an optional default route
 * (0.0.0.0/0) to an internet gateway or a NAT gateway. Routes other than the local one and the default
 * one are drift and get removed; a missing default route comes back.
 */
public record RouteTableSpec(String name, ResourceKey vpc, List<ResourceKey> subnets, Optional<DefaultRoute> defaultRoute) {
    public RouteTableSpec {
        subnets = List.copyOf(subnets);
    }

    public enum TargetKind { INTERNET_GATEWAY, NAT_GATEWAY }

    /** 0.0.0.0/0 to the resource published under target. */
    public record DefaultRoute(TargetKind kind, ResourceKey target) {}
}
