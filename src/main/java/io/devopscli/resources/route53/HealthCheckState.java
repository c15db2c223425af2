package io.devopscli.resources.route53;

/**
 * An owned health check as found. desiredFqdn is the DNS name of the region's load balancer at observe
 * time (null when there is none), so diff can stay pure; tagged is false for one found only by its
 * caller reference (a run stopped between create and tagging).
 */
public record HealthCheckState(String id, String name, boolean tagged, String type, String fqdn, int port,
                               String path, int failureThreshold, int requestInterval, String desiredFqdn) {}
