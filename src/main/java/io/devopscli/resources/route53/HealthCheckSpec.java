package io.devopscli.resources.route53;

import io.devopscli.engine.ResourceKey;

/**
 * An HTTP health check on a region's load balancer. name is the Name tag (FailoverNames.healthCheckName);
 * loadBalancer is the parent node, loadBalancerName its full name (ResourceNames.loadBalancer).
 */
public record HealthCheckSpec(String name, String region, ResourceKey loadBalancer, String loadBalancerName,
                              String path, int port, int failureThreshold, int requestInterval) {
    public static final String TYPE = "HTTP";
    public static final String HTTPS_TYPE = "HTTPS";
    public static final int HTTPS_PORT = 443;

    /** HTTPS on 443 (Route 53 does not check the certificate against the load balancer's name), else HTTP. */
    public String type() {
        return port == HTTPS_PORT ? HTTPS_TYPE : TYPE;
    }

    /** Port 80 (the listener), three failures, every 30 seconds (the standard interval). */
    public static HealthCheckSpec onLoadBalancer(String project, String region, ResourceKey loadBalancer,
                                                 String loadBalancerName, String path) {
        return new HealthCheckSpec(FailoverNames.healthCheckName(project, region), region, loadBalancer,
                loadBalancerName, path, 80, 3, 30);
    }

    /** The same on 443 over HTTPS when the load balancer serves HTTPS (port 80 then only redirects). */
    public static HealthCheckSpec onLoadBalancer(String project, String region, ResourceKey loadBalancer,
                                                 String loadBalancerName, String path, boolean https) {
        return new HealthCheckSpec(FailoverNames.healthCheckName(project, region), region, loadBalancer,
                loadBalancerName, path, https ? HTTPS_PORT : 80, 3, 30);
    }
}
