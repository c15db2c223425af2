package io.devopscli.resources.route53;

/**
 * Where a region's failover record points: its load balancer's DNS name and canonical hosted zone (the
 * alias target) and its health check.
 */
public record RegionTarget(String region, String dnsName, String canonicalHostedZoneId, String healthCheckId) {
    public RegionTarget {
        dnsName = dnsName == null ? null : Route53Calls.dnsKey(dnsName);
    }

    /** The record that sends traffic to this target in the given role. */
    FailoverRecord record(String project, String role) {
        return new FailoverRecord(role, FailoverNames.setIdentifier(project, region), dnsName, canonicalHostedZoneId,
                true, healthCheckId);
    }
}
