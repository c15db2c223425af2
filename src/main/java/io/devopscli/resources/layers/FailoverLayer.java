package io.devopscli.resources.layers;

import io.devopscli.engine.RegionGraph;
import io.devopscli.engine.ResourceKey;
import io.devopscli.engine.Waiter;
import io.devopscli.resources.naming.ResourceNames;
import io.devopscli.resources.route53.ChangeSync;
import java.time.Duration;
import io.devopscli.resources.route53.FailoverRecordsReconciler;
import io.devopscli.resources.route53.FailoverRecordsSpec;
import io.devopscli.resources.route53.HealthCheckReconciler;
import io.devopscli.resources.route53.HealthCheckSpec;
import io.devopscli.resources.route53.HostedZoneReconciler;
import io.devopscli.resources.route53.HostedZoneSpec;
import io.devopscli.topology.RegionSpec;
import io.devopscli.topology.Topology;

/**
 * Route 53 failover as graph nodes. Route 53 is global but the engine runs one graph per region, so:
 * every region's graph gets its own health check (after its load balancer); the primary region's graph
 * also gets the hosted zone and the failover records, which depend on the zone and on that region's
 * load balancer and health check, and read the other regions' load balancers and health checks by
 * name (they wait for them on create, as those regions' graphs run in parallel).
 */
public final class FailoverLayer {
    public static final String ZONE = "route53/hosted-zone";
    public static final String HEALTH_CHECK = "route53/health-check";
    public static final String RECORDS = "route53/failover-records";

    private final Topology topology;
    private final boolean wholeTopologyInRun;
    private final String region;

    public FailoverLayer(Topology topology, String region) {
        this(topology, region, true);
    }

    /**
     * @param wholeTopologyInRun false when --regions leaves regions out: their load balancers are not
     *                           being built, so the records look for them once instead of waiting
     */
    public FailoverLayer(Topology topology, String region, boolean wholeTopologyInRun) {
        this.wholeTopologyInRun = wholeTopologyInRun;
        this.topology = topology;
        this.region = region;
    }

    public void addTo(RegionGraph g) {
        String p = topology.project();
        String loadBalancer = ResourceNames.of(topology).loadBalancer();
        ResourceKey alb = new ResourceKey(region, "elbv2/load-balancer", "alb");
        ResourceKey healthCheck = g.add(new ResourceKey(region, HEALTH_CHECK, "alb"), new HealthCheckReconciler(),
                HealthCheckSpec.onLoadBalancer(p, region, alb, loadBalancer,
                        topology.app().healthCheckPath(), topology.failover().https()), alb);
        // --regions may leave the primary out: then this run has no zone or records to reconcile
        boolean primary = topology.regions().stream().anyMatch(r -> r.name().equals(region) && r.isPrimary());
        if (!primary || topology.regions().size() < 2) {
            return;
        }
        ResourceKey zone = g.add(new ResourceKey(region, ZONE, "zone"), new HostedZoneReconciler(),
                HostedZoneSpec.forProject(p, topology.failover().hostedZone(), topology.failover().domain()));
        FailoverRecordsReconciler records = wholeTopologyInRun ? new FailoverRecordsReconciler()
                : new FailoverRecordsReconciler(Waiter.upTo(Duration.ZERO), ChangeSync.standard());
        g.add(new ResourceKey(region, RECORDS, "app"), records,
                new FailoverRecordsSpec(p, topology.failover().domain(), zone,
                        topology.regions().stream().map(RegionSpec::name).toList(), region,
                        loadBalancer),
                zone, alb, healthCheck);
    }
}
