package io.devopscli.resources.route53;

/**
 * Where a region's failover record points: its load balancer's DNS name and canonical hosted zone (the
 * alias target) and its health check.
 */
public record RegionTarget(String region, String dnsName, String canonicalHostedZoneId, String healthCheckId) {
    public RegionTarget {
        dnsName = dnsName == null ? null : Route53Calls.dnsKey(dnsName);
    }

    /** Whether a record can point at it: a load balancer and a health check. */
    boolean complete() {
        return dnsName != null && healthCheckId != null;
    }

    /** The record at name that sends traffic to this target in the given role. */
    FailoverRecord record(String project, String name, String role) {
        return new FailoverRecord(name, role, FailoverNames.setIdentifier(project, region), dnsName,
                canonicalHostedZoneId, true, healthCheckId);
    }
}
