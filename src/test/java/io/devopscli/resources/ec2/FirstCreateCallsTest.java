package io.devopscli.resources.ec2;

import static io.devopscli.resources.ec2.NetworkRun.key;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.devopscli.engine.Action;
import io.devopscli.engine.Plan;
import io.devopscli.engine.RegionGraph;
import io.devopscli.engine.ResourceKey;
import io.devopscli.resources.ec2.RouteTableSpec.DefaultRoute;
import io.devopscli.resources.ec2.RouteTableSpec.TargetKind;
import io.devopscli.resources.ec2.SecurityGroupSpec.IngressRule;
import io.devopscli.testing.EmulatorTest;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The calls a first `up` makes to create a region's network, counted by the tool's own call counter after
 * the plan: each create's answer and each call's success are the state, so no describe follows a create,
 * a modify, an authorize, an attach or an association. The emulator answers "available" at once, as AWS
 * does for subnets (a VPC or NAT gateway still "pending" on AWS is waited for, which these counts do not
 * cover). Any read-back that comes back fails the exact count.
 */
@EmulatorTest
class FirstCreateCallsTest {
    private static final ResourceKey VPC = key("vpc", "main");
    private static final ResourceKey PUBLIC_A = key("subnet", "public-a");
    private static final ResourceKey PRIVATE_A = key("subnet", "private-a");
    private static final ResourceKey IGW = key("internet-gateway", "main");
    private static final ResourceKey PUBLIC_RT = key("route-table", "public");
    private static final ResourceKey PRIVATE_RT = key("route-table", "private-a");
    private static final ResourceKey EIP = key("elastic-ip", "nat-a");
    private static final ResourceKey NAT = key("nat-gateway", "a");

    private final NetworkRun run = new NetworkRun(FirstCreateCallsTest::graph);

    /** One region's network as the topology builds it, in small: one public and one private subnet. */
    static void graph(RegionGraph g) {
        g.add(VPC, new VpcReconciler(), new VpcSpec("demo-us-east-1", "10.0.0.0/16"));
        g.add(PUBLIC_A, new SubnetReconciler(), new SubnetSpec("demo-public-a", VPC, "10.0.0.0/24", "us-east-1a", true), VPC);
        g.add(PRIVATE_A, new SubnetReconciler(), new SubnetSpec("demo-private-a", VPC, "10.0.10.0/24", "us-east-1a", false),
                VPC);
        g.add(IGW, new InternetGatewayReconciler(), new InternetGatewaySpec("demo-igw", VPC), VPC);
        g.add(PUBLIC_RT, new RouteTableReconciler(), new RouteTableSpec("demo-public", VPC, List.of(PUBLIC_A),
                Optional.of(new DefaultRoute(TargetKind.INTERNET_GATEWAY, IGW))), VPC, IGW, PUBLIC_A);
        g.add(EIP, new ElasticIpReconciler(), new ElasticIpSpec("demo-nat-a"));
        g.add(NAT, new NatGatewayReconciler(), new NatGatewaySpec("demo-nat-us-east-1a", PUBLIC_A, EIP), PUBLIC_A, EIP);
        g.add(PRIVATE_RT, new RouteTableReconciler(), new RouteTableSpec("demo-private-a", VPC, List.of(PRIVATE_A),
                Optional.of(new DefaultRoute(TargetKind.NAT_GATEWAY, NAT))), VPC, NAT, PRIVATE_A);
        // the load balancer's and the app's groups, the second with a rule naming the first
        SecurityGroupReconcilerEmulatorTest.groups(g, List.of(IngressRule.fromCidr(80, "0.0.0.0/0", "http")));
    }

    @AfterEach
    void close() {
        run.close();
    }

    @Test
    void eachCreateMakesOnlyTheCallsAwsNeeds() {
        Plan plan = run.plan();
        run.calls().reset();

        run.apply(plan);

        Map<String, Long> expected = new TreeMap<>(Map.ofEntries(
                // CreateVpc answered "available"; DNS hostnames on (support is on by default): no describe
                Map.entry("Ec2 CreateVpc", 1L), Map.entry("Ec2 ModifyVpcAttribute", 1L),
                // the public subnet maps public IPs: one modify, whose success is the answer
                Map.entry("Ec2 CreateSubnet", 2L), Map.entry("Ec2 ModifySubnetAttribute", 1L),
                Map.entry("Ec2 CreateInternetGateway", 1L), Map.entry("Ec2 AttachInternetGateway", 1L),
                // each group's rules authorized at once, with no describe before or after
                Map.entry("Ec2 CreateSecurityGroup", 2L), Map.entry("Ec2 AuthorizeSecurityGroupIngress", 2L),
                Map.entry("Ec2 AllocateAddress", 1L), Map.entry("Ec2 CreateNatGateway", 1L),
                // per table: create, its default route, and the look for a table still holding the subnet
                // (to move it) before associating it; no read-back after
                Map.entry("Ec2 CreateRouteTable", 2L), Map.entry("Ec2 CreateRoute", 2L),
                Map.entry("Ec2 DescribeRouteTables", 2L), Map.entry("Ec2 AssociateRouteTable", 2L)));
        assertEquals(expected, new TreeMap<>(run.calls().byOperation()));
    }

    /** What the creates returned is unknown where the API said nothing, never a difference: the next plan is empty. */
    @Test
    void theNextPlanChangesNothingAndItsApplyWritesNothing() {
        run.apply();

        Plan second = run.plan();
        assertEquals(List.of(), second.allChanges().stream().filter(c -> c.action() != Action.NOOP).toList());
        run.calls().reset();
        run.apply(second);
        assertEquals(0, run.calls().mutating(), () -> run.calls().mutatingByOperation().toString());
    }
}
