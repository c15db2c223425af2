package io.devopscli.resources.ec2;

import java.util.List;
import java.util.Optional;

/**
 * What diff needs of a route table: its default route, every other non-local route, and its subnet
 * associations, all by physical id (diff maps the ids of the spec's VPC, subnets and route target back
 * to their graph keys with the Refs the engine resolved).
 */
public record RouteTableState(String id, String vpcId, Optional<Route> defaultRoute, List<Route> extraRoutes,
                              List<Association> associations) {
    public RouteTableState {
        extraRoutes = List.copyOf(extraRoutes);
        associations = List.copyOf(associations);
    }

    public enum DestinationType { IPV4, IPV6, PREFIX_LIST }

    /** One route: where to (a CIDR or prefix list), through what (an id such as igw-… or nat-…), and its state. */
    public record Route(DestinationType type, String destination, String target, boolean blackhole) {
        public String render() {
            return destination + " -> " + target + (blackhole ? " (blackhole)" : "");
        }
    }

    /** An explicit association of a subnet with this table. */
    public record Association(String id, String subnetId) {}
}
