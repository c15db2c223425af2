package io.devopscli.resources.route53;

import io.devopscli.aws.AwsClients;
import io.devopscli.engine.InParallel;
import io.devopscli.resources.elbv2.LoadBalancerEndpoint;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds a region's failover target from anywhere: its load balancer by deterministic name and ownership
 * tags (ELBv2 of that region), its health check by Name tag (Route 53, global). This is how the records,
 * which live in the primary region's graph, see the other regions' resources: the engine runs each
 * region's graph on its own, so there is no cross-region edge to publish them through.
 */
public final class RegionTargets {
    private final AwsClients clients;
    private final String project;
    private final String loadBalancerName;

    /** @param clients any region's clients; each region is read through clients.inRegion(region) */
    public RegionTargets(AwsClients clients, String project, String loadBalancerName) {
        this.clients = clients;
        this.project = project;
        this.loadBalancerName = loadBalancerName;
    }

    /** Empty when the region has no load balancer of ours, or no health check yet. */
    public Optional<RegionTarget> find(String region, List<HealthChecks.Owned> healthChecks) {
        Optional<String> check = HealthChecks.named(healthChecks, FailoverNames.healthCheckName(project, region))
                .map(o -> o.check().id());
        if (check.isEmpty()) {
            return Optional.empty();
        }
        return new LoadBalancerEndpoint(clients.inRegion(region).elbv2()).alias(project, loadBalancerName)
                .map(a -> new RegionTarget(region, a.dnsName(), a.canonicalHostedZoneId(), check.get()));
    }

    /** The targets found among these regions, in their order: every region is read at once. */
    public Map<String, RegionTarget> findAll(List<String> regions, List<HealthChecks.Owned> healthChecks) {
        Map<String, RegionTarget> found = new LinkedHashMap<>();
        InParallel.each(regions, region -> find(region, healthChecks))
                .forEach((region, target) -> target.ifPresent(t -> found.put(region, t)));
        return found;
    }

    /** Reads the health checks afresh: for a caller outside a run (the failover command). */
    public Optional<RegionTarget> find(String region) {
        return find(region, HealthChecks.owned(clients.route53(), project));
    }
}
