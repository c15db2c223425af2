package io.devopscli.resources.route53;

import software.amazon.awssdk.services.route53.model.ResourceRecordSet;

/**
 * One failover alias record of the chain as Route 53 holds it. name is the record's name (the domain, or
 * a nested level of the chain, see FailoverChain); role is PRIMARY or SECONDARY; the set identifier names
 * the region it serves (FailoverNames.setIdentifier), or the next level for a SECONDARY that aliases it.
 */
public record FailoverRecord(String name, String role, String setIdentifier, String aliasDnsName,
                             String aliasHostedZoneId, boolean evaluateTargetHealth, String healthCheckId) {
    public static final String PRIMARY = "PRIMARY";
    public static final String SECONDARY = "SECONDARY";

    public FailoverRecord {
        name = name == null ? null : Route53Calls.dnsKey(name);
    }

    static FailoverRecord of(ResourceRecordSet rr) {
        return new FailoverRecord(rr.name(), rr.failoverAsString(), rr.setIdentifier(),
                rr.aliasTarget() == null ? null : Route53Calls.dnsKey(rr.aliasTarget().dnsName()),
                rr.aliasTarget() == null ? null : rr.aliasTarget().hostedZoneId(),
                rr.aliasTarget() != null && Boolean.TRUE.equals(rr.aliasTarget().evaluateTargetHealth()),
                rr.healthCheckId());
    }

    /** The same record with its alias name spelled the way comparisons expect. */
    FailoverRecord normalized() {
        return new FailoverRecord(name, role, setIdentifier, normalDns(aliasDnsName),
                aliasHostedZoneId == null ? null : Route53Calls.bareZoneId(aliasHostedZoneId), evaluateTargetHealth,
                healthCheckId);
    }

    /** What this record would send traffic to, as the target of its region. */
    public RegionTarget asTarget(String region) {
        return new RegionTarget(region, aliasDnsName, aliasHostedZoneId, healthCheckId);
    }

    /** One line for a plan: "logicworks-devops-us-east-1 -> alb.example (zone Z1, health check hc-1, evaluated)". */
    String render() {
        return setIdentifier + " -> " + (aliasDnsName == null ? "(not an alias)" : aliasDnsName + " (zone "
                + aliasHostedZoneId + (healthCheckId == null ? "" : ", health check " + healthCheckId)
                + (evaluateTargetHealth ? ", evaluated)" : ")"));
    }

    /**
     * Route 53 answers alias names in lower case with a final dot, and the console may add "dualstack.";
     * all three spell the same load balancer.
     */
    static String normalDns(String name) {
        if (name == null) {
            return null;
        }
        String key = Route53Calls.dnsKey(name);
        return key.startsWith("dualstack.") ? key.substring("dualstack.".length()) : key;
    }
}
