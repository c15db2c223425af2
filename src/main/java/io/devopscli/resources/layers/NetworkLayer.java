package io.devopscli.resources.layers;

import io.devopscli.engine.RegionGraph;
import io.devopscli.engine.ResourceKey;
import io.devopscli.resources.ec2.ElasticIpReconciler;
import io.devopscli.resources.ec2.ElasticIpSpec;
import io.devopscli.resources.ec2.FlowLogReconciler;
import io.devopscli.resources.ec2.FlowLogSpec;
import io.devopscli.resources.ec2.InternetGatewayReconciler;
import io.devopscli.resources.ec2.InternetGatewaySpec;
import io.devopscli.resources.ec2.NatGatewayReconciler;
import io.devopscli.resources.ec2.NatGatewaySpec;
import io.devopscli.resources.ec2.RouteTableReconciler;
import io.devopscli.resources.ec2.RouteTableSpec;
import io.devopscli.resources.ec2.RouteTableSpec.DefaultRoute;
import io.devopscli.resources.ec2.RouteTableSpec.TargetKind;
import io.devopscli.resources.ec2.SecurityGroupReconciler;
import io.devopscli.resources.ec2.SecurityGroupSpec;
import io.devopscli.resources.ec2.SecurityGroupSpec.IngressRule;
import io.devopscli.resources.ec2.SubnetReconciler;
import io.devopscli.resources.ec2.SubnetSpec;
import io.devopscli.resources.ec2.VpcReconciler;
import io.devopscli.resources.ec2.VpcSpec;
import io.devopscli.resources.iam.Policies;
import io.devopscli.resources.iam.RoleReconciler;
import io.devopscli.resources.iam.RoleSpec;
import io.devopscli.resources.logs.LogGroupReconciler;
import io.devopscli.resources.logs.LogGroupSpec;
import io.devopscli.resources.naming.ResourceNames;
import io.devopscli.topology.NetworkSpec;
import io.devopscli.topology.RegionSpec;
import io.devopscli.topology.SubnetLayout;
import io.devopscli.topology.Topology;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The network layer of one region as graph nodes: VPC, subnets over the AZs, internet gateway, route
 * tables, NAT gateways with their Elastic IPs, security groups, and flow logs with their log group and role.
 */
public final class NetworkLayer {
    private final Topology topology;
    private final RegionSpec region;
    private final List<String> azs;
    private final ResourceNames names;

    /** @param azs the region's availability zones to use, as many as the topology asks for */
    public NetworkLayer(Topology topology, RegionSpec region, List<String> azs) {
        this.topology = topology;
        this.region = region;
        this.azs = List.copyOf(azs);
        this.names = ResourceNames.of(topology);
    }

    /** Keys later layers attach to. */
    public record Outputs(ResourceKey vpc, List<ResourceKey> publicSubnets, List<ResourceKey> privateSubnets,
                          ResourceKey albSecurityGroup, ResourceKey serviceSecurityGroup) {}

    public Outputs addTo(RegionGraph g) {
        NetworkSpec network = topology.network();
        SubnetLayout layout = SubnetLayout.of(region.cidr(), azs.size());

        ResourceKey vpc = g.add(key("ec2/vpc", "vpc"), new VpcReconciler(), new VpcSpec(names.vpc(), region.cidr()));
        ResourceKey igw = g.add(key("ec2/internet-gateway", "igw"), new InternetGatewayReconciler(),
                new InternetGatewaySpec(names.internetGateway(), vpc), vpc);

        List<ResourceKey> publicSubnets = new ArrayList<>();
        List<ResourceKey> privateSubnets = new ArrayList<>();
        SubnetReconciler subnets = new SubnetReconciler();
        for (int i = 0; i < azs.size(); i++) {
            String az = azs.get(i);
            publicSubnets.add(g.add(key("ec2/subnet", "public-" + az), subnets,
                    new SubnetSpec(names.publicSubnet(az), vpc, layout.publicCidrs().get(i), az, true), vpc));
            privateSubnets.add(g.add(key("ec2/subnet", "private-" + az), subnets,
                    new SubnetSpec(names.privateSubnet(az), vpc, layout.privateCidrs().get(i), az, false), vpc));
        }

        List<ResourceKey> publicRtDeps = new ArrayList<>(publicSubnets);
        publicRtDeps.add(igw);
        g.add(key("ec2/route-table", "public"), new RouteTableReconciler(),
                new RouteTableSpec(names.publicRouteTable(), vpc, publicSubnets,
                        Optional.of(new DefaultRoute(TargetKind.INTERNET_GATEWAY, igw))), publicRtDeps);

        List<ResourceKey> nats = addNatGateways(g, network.natGateways(), publicSubnets, igw);
        RouteTableReconciler routeTables = new RouteTableReconciler();
        for (int i = 0; i < azs.size(); i++) {
            Optional<ResourceKey> nat = nats.isEmpty() ? Optional.empty() : Optional.of(nats.get(Math.min(i, nats.size() - 1)));
            List<ResourceKey> deps = new ArrayList<>(List.of(privateSubnets.get(i)));
            nat.ifPresent(deps::add);
            g.add(key("ec2/route-table", "private-" + azs.get(i)), routeTables,
                    new RouteTableSpec(names.privateRouteTable(azs.get(i)), vpc, List.of(privateSubnets.get(i)),
                            nat.map(n -> new DefaultRoute(TargetKind.NAT_GATEWAY, n))), deps);
        }

        SecurityGroupReconciler groups = new SecurityGroupReconciler();
        ResourceKey albSg = g.add(key("ec2/security-group", "alb"), groups, new SecurityGroupSpec(names.loadBalancerSecurityGroup(), vpc,
                "Load balancer of " + names.project() + (topology.failover().https() ? ": HTTP and HTTPS from anywhere" : ": HTTP from anywhere"),
                albIngress()), vpc);
        int port = topology.app().port();
        ResourceKey serviceSg = g.add(key("ec2/security-group", "service"), groups, new SecurityGroupSpec(
                names.serviceSecurityGroup(), vpc, "Service of " + names.project() + ": app port from the load balancer only",
                List.of(IngressRule.fromGroup(port, albSg, "app port from the load balancer"))), vpc, albSg);

        if (network.flowLogs()) {
            addFlowLogs(g, vpc, network.flowLogRetentionDays());
        }
        return new Outputs(vpc, publicSubnets, privateSubnets, albSg, serviceSg);
    }

    /** per-az: one in each public subnet; single: one in the first; none: no NAT and no private default route. */
    private List<ResourceKey> addNatGateways(RegionGraph g, NetworkSpec.NatMode mode, List<ResourceKey> publicSubnets,
                                             ResourceKey igw) {
        int count = switch (mode) {
            case PER_AZ -> azs.size();
            case SINGLE -> 1;
            case NONE -> 0;
        };
        List<ResourceKey> nats = new ArrayList<>();
        ElasticIpReconciler eips = new ElasticIpReconciler();
        NatGatewayReconciler natGateways = new NatGatewayReconciler();
        for (int i = 0; i < count; i++) {
            String az = azs.get(i);
            ResourceKey eip = g.add(key("ec2/elastic-ip", "nat-" + az), eips, new ElasticIpSpec(names.natElasticIp(az)));
            // A public NAT gateway needs the internet gateway attached to reach out.
            nats.add(g.add(key("ec2/nat-gateway", az), natGateways,
                    new NatGatewaySpec(names.natGateway(az), publicSubnets.get(i), eip), publicSubnets.get(i), eip, igw));
        }
        return nats;
    }

    private void addFlowLogs(RegionGraph g, ResourceKey vpc, int retentionDays) {
        String logGroupName = names.flowLogGroup();
        ResourceKey logGroup = g.add(key("logs/log-group", "vpc-flow-logs"), new LogGroupReconciler(),
                new LogGroupSpec(logGroupName, retentionDays));
        ResourceKey role = g.add(key("iam/role", "flow-logs"), new RoleReconciler(),
                new RoleSpec(names.regionalRole("flow-logs", region.name()), "vpc-flow-logs.amazonaws.com", "flow-logs-delivery",
                        Policies.flowLogs(logGroupName, region.name())));
        g.add(key("ec2/flow-log", "vpc"), new FlowLogReconciler(),
                new FlowLogSpec(names.flowLog(), vpc, logGroup, role), vpc, logGroup, role);
    }

    private ResourceKey key(String type, String name) {
        return new ResourceKey(region.name(), type, name);
    }

    /** 443 only when the load balancer has an HTTPS listener (the topology names a zone and domain). */
    private List<IngressRule> albIngress() {
        return topology.failover().https()
                ? List.of(IngressRule.fromCidr(80, "0.0.0.0/0", "HTTP"), IngressRule.fromCidr(443, "0.0.0.0/0", "HTTPS"))
                : List.of(IngressRule.fromCidr(80, "0.0.0.0/0", "HTTP"));
    }
}
