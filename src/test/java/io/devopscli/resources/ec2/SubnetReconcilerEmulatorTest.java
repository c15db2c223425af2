package io.devopscli.resources.ec2;

import static io.devopscli.resources.ec2.NetworkRun.PROJECT;
import static io.devopscli.resources.ec2.NetworkRun.key;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.devopscli.aws.Tags;
import io.devopscli.engine.Action;
import io.devopscli.engine.Change;
import io.devopscli.engine.FieldChange;
import io.devopscli.engine.RegionGraph;
import io.devopscli.engine.ResourceKey;
import io.devopscli.testing.EmulatorTest;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.model.AttributeBooleanValue;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Subnet;

@EmulatorTest
class SubnetReconcilerEmulatorTest {
    private static final ResourceKey VPC = key("vpc", "main");
    private static final ResourceKey PUBLIC_A = key("subnet", "public-a");
    private static final ResourceKey PRIVATE_A = key("subnet", "private-a");

    private final NetworkRun run = new NetworkRun(SubnetReconcilerEmulatorTest::graph);

    static void graph(RegionGraph g) {
        g.add(VPC, new VpcReconciler(), new VpcSpec("demo-us-east-1", "10.0.0.0/16"));
        g.add(PUBLIC_A, new SubnetReconciler(), new SubnetSpec("demo-public-a", VPC, "10.0.0.0/24", "us-east-1a", true), VPC);
        g.add(PRIVATE_A, new SubnetReconciler(), new SubnetSpec("demo-private-a", VPC, "10.0.10.0/24", "us-east-1a", false),
                VPC);
    }

    @AfterEach
    void close() {
        run.close();
    }

    @Test
    void basicCreatesBothSubnetsInTheVpc() {
        run.apply();

        String vpcId = run.ec2().describeVpcs(r -> r.filters(owner())).vpcs().get(0).vpcId();
        Map<String, Subnet> byName = ownedByName();
        assertEquals(2, byName.size());
        Subnet pub = byName.get("demo-public-a");
        assertEquals(List.of(vpcId, "10.0.0.0/24", "us-east-1a", true),
                List.of(pub.vpcId(), pub.cidrBlock(), pub.availabilityZone(), pub.mapPublicIpOnLaunch()));
        Subnet priv = byName.get("demo-private-a");
        assertEquals(List.of(vpcId, "10.0.10.0/24", "us-east-1a", false),
                List.of(priv.vpcId(), priv.cidrBlock(), priv.availabilityZone(), priv.mapPublicIpOnLaunch()));
    }

    @Test
    void secondPlanIsEmpty() {
        run.apply();
        run.assertAllNoop();
    }

    @Test
    void planDescribesSubnetsOnceForAllNodes() {
        run.apply();
        run.calls().reset();

        run.assertAllNoop();

        // DescribeVpcs and two DescribeVpcAttribute for the VPC, then one DescribeSubnets for both subnets.
        assertEquals(4, run.calls().total());
        assertEquals(0, run.calls().mutating());
    }

    @Test
    void publicIpsTurnedOffByHandArePutBack() {
        run.apply();
        String id = ownedByName().get("demo-public-a").subnetId();
        run.ec2().modifySubnetAttribute(r -> r.subnetId(id).mapPublicIpOnLaunch(AttributeBooleanValue.builder().value(false).build()));

        Change change = run.onlyChange(PUBLIC_A, Action.UPDATE);
        assertEquals(List.of(FieldChange.of("mapPublicIpOnLaunch", true, false)), change.fields());
        run.apply();

        assertTrue(ownedByName().get("demo-public-a").mapPublicIpOnLaunch());
        run.assertAllNoop();
    }

    @Test
    void deletedByHandIsPlannedAsOneCreate() {
        run.apply();
        run.ec2().deleteSubnet(r -> r.subnetId(ownedByName().get("demo-private-a").subnetId()));

        run.onlyChange(PRIVATE_A, Action.CREATE);
        run.apply();
        assertEquals(2, ownedByName().size());
        run.assertAllNoop();
    }

    @Test
    void destroyLeavesNothingOwned() {
        run.apply();
        run.destroy();
        assertTrue(ownedByName().isEmpty());
        assertTrue(run.ec2().describeVpcs(r -> r.filters(owner())).vpcs().isEmpty());
    }

    /** moto refuses to delete a VPC with subnets (as AWS does), though not a subnet with interfaces. */
    @Test
    void aVpcStillHeldAfterTheBoundedRetriesNamesWhatHoldsIt() {
        run.apply();
        String vpc = run.ec2().describeVpcs(r -> r.filters(owner())).vpcs().get(0).vpcId();
        String stray = run.ec2().createSubnet(r -> r.vpcId(vpc).cidrBlock("10.0.99.0/24")).subnet().subnetId();

        io.devopscli.engine.RunReport report = run.destroyAllowingFailures();

        String failure = report.with(io.devopscli.engine.NodeResult.Outcome.FAILED).stream()
                .filter(r -> r.key().equals(VPC)).findFirst().orElseThrow().message();
        assertTrue(failure.contains("DependencyViolation") && failure.contains("still held by " + stray + " (subnet)"),
                failure);
    }

    private Map<String, Subnet> ownedByName() {
        return run.ec2().describeSubnets(r -> r.filters(owner())).subnets().stream().collect(Collectors.toMap(
                s -> OwnedTags.value(s.tags(), Tags.NAME_KEY).orElseThrow(), s -> s));
    }

    private static Filter owner() {
        return Filter.builder().name("tag:" + Tags.OWNER_KEY).values(PROJECT).build();
    }
}
