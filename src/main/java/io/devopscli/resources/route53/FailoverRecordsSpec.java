package io.devopscli.resources.route53;

import io.devopscli.engine.ResourceKey;
import java.util.List;

/**
 * The failover chain of the project's domain (FailoverChain). regions is the topology's regions in order,
 * topologyPrimary the one that serves first; the records point at each region's load balancer (by
 * its full name, DeliveryLayer.loadBalancerName) with that region's health check. zone is the hosted
 * zone node, whose id the records are written into.
 */
public record FailoverRecordsSpec(String project, String domain, ResourceKey zone, List<String> regions, String topologyPrimary,
                                  String loadBalancerName) {
    public FailoverRecordsSpec {
        regions = List.copyOf(regions);
        if (!regions.contains(topologyPrimary) || regions.size() < 2) {
            throw new IllegalArgumentException("failover records need two or more regions including the primary");
        }
    }
}
