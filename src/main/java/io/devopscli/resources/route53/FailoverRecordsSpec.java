package io.devopscli.resources.route53;

import io.devopscli.engine.ResourceKey;
import io.devopscli.resources.ResourceTraits;
import java.util.List;

/**
 * The failover chain of the project's domain (FailoverChain). regions is the topology's regions in order,
 * topologyPrimary the one that serves first; the records point at each region's load balancer (by
 * its full name, ResourceNames.loadBalancer) with that region's health check. zone is the hosted
 * zone node, whose id the records are written into.
 */
public record FailoverRecordsSpec(String project, String domain, ResourceKey zone, List<String> regions, String topologyPrimary,
                                  String loadBalancerName) implements ResourceTraits {
    /** A Route 53 change reaching every name server (INSYNC), which the records wait for on every apply. */
    public static final double SECONDS_TO_INSYNC = 60;

    @Override
    public double secondsToCreateOnAws() {
        return SECONDS_TO_INSYNC;
    }

    @Override
    public double secondsToUpdateOnAws() {
        return SECONDS_TO_INSYNC;
    }

    public FailoverRecordsSpec {
        regions = List.copyOf(regions);
        if (!regions.contains(topologyPrimary) || regions.size() < 2) {
            throw new IllegalArgumentException("failover records need two or more regions including the primary");
        }
    }
}
