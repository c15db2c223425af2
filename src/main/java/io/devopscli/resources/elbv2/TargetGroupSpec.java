package io.devopscli.resources.elbv2;

import io.devopscli.engine.ResourceKey;

/**
 * A target group of one environment. name is the full name (Name tag, e.g. "P-production"); the AWS
 * name is physicalName(). Port, protocol, VPC and target type are immutable; the health check and the
 * deregistration delay change in place.
 */
public record TargetGroupSpec(String name, ResourceKey vpc, int port, String protocol, String targetType,
                              HealthCheck healthCheck, int deregistrationDelaySeconds) {

    /** Target type ip (what Fargate tasks register as), HTTP on the app port, drained in 30 s. */
    public static TargetGroupSpec forApp(String name, ResourceKey vpc, int appPort, String healthCheckPath) {
        return new TargetGroupSpec(name, vpc, appPort, "HTTP", "ip", HealthCheck.http(healthCheckPath), 30);
    }

    public String physicalName() {
        return ElbNames.fit(name);
    }

    /** How the load balancer decides a target is healthy; AWS requires timeout < interval for HTTP. */
    public record HealthCheck(String protocol, String path, String matcher, int intervalSeconds, int timeoutSeconds,
                              int healthyThreshold, int unhealthyThreshold) {

        /** 200 on the path, every 15 s; healthy after 2 passes (about 30 s), out after 3 failures. */
        public static HealthCheck http(String path) {
            return new HealthCheck("HTTP", path, "200", 15, 5, 2, 3);
        }
    }
}
