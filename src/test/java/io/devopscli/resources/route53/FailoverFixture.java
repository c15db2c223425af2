package io.devopscli.resources.route53;

import static org.junit.jupiter.api.Assertions.assertFalse;

import io.devopscli.aws.CallSettings;
import io.devopscli.aws.AwsClients;
import io.devopscli.aws.Tags;
import io.devopscli.engine.Change;
import io.devopscli.engine.Engine;
import io.devopscli.engine.Plan;
import io.devopscli.engine.Progress;
import io.devopscli.engine.RegionContext;
import io.devopscli.engine.RegionGraph;
import io.devopscli.engine.ResourceKey;
import io.devopscli.engine.RunReport;
import io.devopscli.engine.Waiter;
import io.devopscli.resources.EngineHarness;
import io.devopscli.resources.PreMadeReconciler;
import io.devopscli.testing.Emulator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Tag;

/**
 * Two regions' failover nodes as FailoverLayer wires them (health check per region; zone and records in
 * the primary's graph), over load balancers made with plain SDK clients and published through
 * PreMadeReconciler, standing in for the delivery layer. Each plan gets fresh run contexts, like up.
 */
final class FailoverFixture implements AutoCloseable {
    static final String PROJECT = "natproj";
    static final String PRIMARY = "us-east-1";
    static final String STANDBY = "us-east-2";
    static final String ZONE_NAME = "example.com";
    static final String DOMAIN = "app.example.com";
    static final String LB_NAME = "natproj-alb";
    static final Waiter SHORT = new Waiter(Duration.ofSeconds(5), Duration.ofMillis(50), Duration.ofMillis(200));
    static final ChangeSync SYNC = new ChangeSync(SHORT);

    /** Short retries, so a failing case fails in seconds: these clients' own, no other session sees them. */
    static final CallSettings CALLS = new CallSettings(Duration.ofSeconds(5), Duration.ofMillis(50));
    final AwsClients primary = Emulator.clients(PRIMARY, CALLS);
    final AwsClients standby = Emulator.clients(STANDBY, CALLS);
    private final Engine engine = new Engine(4);
    final Map<String, LoadBalancer> balancers;
    String healthCheckPath = "/health";

    FailoverFixture() {
        balancers = Map.of(PRIMARY, balancer(primary, "10.0"), STANDBY, balancer(standby, "10.1"));
    }

    static ResourceKey key(String region, String type, String name) {
        return new ResourceKey(region, type, name);
    }

    static ResourceKey zoneKey() {
        return key(PRIMARY, "route53/hosted-zone", "zone");
    }

    static ResourceKey recordsKey() {
        return key(PRIMARY, "route53/failover-records", "app");
    }

    static ResourceKey healthCheckKey(String region) {
        return key(region, "route53/health-check", "alb");
    }

    /** An owned load balancer named natproj-alb in the region, as the delivery layer would leave it. */
    private static LoadBalancer balancer(AwsClients clients, String net) {
        Ec2Client ec2 = clients.ec2();
        String region = clients.region();
        String vpc = ec2.createVpc(r -> r.cidrBlock(net + ".0.0/16")).vpc().vpcId();
        List<String> subnets = new ArrayList<>();
        for (String az : List.of("a", "b")) {
            String cidr = net + "." + (az.equals("a") ? 0 : 1) + ".0/24";
            subnets.add(ec2.createSubnet(r -> r.vpcId(vpc).cidrBlock(cidr).availabilityZone(region + az)).subnet().subnetId());
        }
        List<Tag> tags = Tags.owned(PROJECT, LB_NAME).entrySet().stream()
                .map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList();
        return clients.elbv2().createLoadBalancer(r -> r.name(LB_NAME).subnets(subnets).tags(tags))
                .loadBalancers().get(0);
    }

    List<RegionGraph> graphs() {
        List<RegionGraph> graphs = new ArrayList<>();
        for (AwsClients clients : List.of(primary, standby)) {
            String region = clients.region();
            RegionGraph g = new RegionGraph(new RegionContext(region, PROJECT, clients, Progress.SILENT));
            ResourceKey alb = g.add(key(region, "elbv2/load-balancer", "alb"), new PreMadeReconciler(),
                    balancers.get(region).loadBalancerArn());
            ResourceKey check = g.add(healthCheckKey(region), new HealthCheckReconciler(SHORT),
                    HealthCheckSpec.onLoadBalancer(PROJECT, region, alb, LB_NAME, healthCheckPath), alb);
            if (region.equals(PRIMARY)) {
                ResourceKey zone = g.add(zoneKey(), new HostedZoneReconciler(SYNC),
                        HostedZoneSpec.forProject(PROJECT, ZONE_NAME, DOMAIN));
                g.add(recordsKey(), new FailoverRecordsReconciler(SHORT, SYNC),
                        new FailoverRecordsSpec(PROJECT, DOMAIN, zone, List.of(PRIMARY, STANDBY), PRIMARY, LB_NAME),
                        zone, alb, check);
            }
            graphs.add(g);
        }
        return graphs;
    }

    Plan plan() {
        Plan plan = engine.plan(graphs());
        assertFalse(plan.hasObserveFailures(), () -> "observe failed: " + plan.regions().stream()
                .flatMap(r -> r.observeFailures().stream()).map(f -> f.message()).toList());
        return plan;
    }

    RunReport up() {
        return EngineHarness.succeeded(engine.apply(plan()));
    }

    RunReport down(boolean purge) {
        return EngineHarness.succeeded(engine.destroy(engine.planDestroy(graphs(), purge)));
    }

    static Map<ResourceKey, Change> byKey(Plan plan) {
        return plan.allChanges().stream().collect(Collectors.toMap(Change::key, c -> c));
    }

    String dns(String region) {
        return balancers.get(region).dnsName().toLowerCase();
    }

    @Override
    public void close() {
        engine.close();
        primary.close();
        standby.close();
    }
}
