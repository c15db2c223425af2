package io.devopscli.resources.route53;

import io.devopscli.engine.ResourceKey;

/**
 * An HTTP health check on a region's load balancer. name is the Name tag (FailoverNames.healthCheckName);
 * loadBalancer is the parent node, loadBalancerName its full name (DeliveryLayer.loadBalancerName).
 */
public record HealthCheckSpec(String name, String region, ResourceKey loadBalancer, String loadBalancerName,
                              String path, int port, int failureThreshold, int requestInterval) {
    public static final String TYPE = "HTTP";

    /** Port 80 (the listener), three failures, every 30 seconds (the standard interval). */
    public static HealthCheckSpec onLoadBalancer(String project, String region, ResourceKey loadBalancer,
                                                 String loadBalancerName, String path) {
        return new HealthCheckSpec(FailoverNames.healthCheckName(project, region), region, loadBalancer,
                loadBalancerName, path, 80, 3, 30);
    }
}
