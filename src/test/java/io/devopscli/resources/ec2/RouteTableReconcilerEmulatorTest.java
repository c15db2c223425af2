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
import io.devopscli.resources.ec2.RouteTableSpec.DefaultRoute;
import io.devopscli.resources.ec2.RouteTableSpec.TargetKind;
import io.devopscli.testing.EmulatorTest;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Route;
import software.amazon.awssdk.services.ec2.model.RouteTable;
import software.amazon.awssdk.services.ec2.model.RouteTableAssociation;
import software.amazon.awssdk.services.ec2.model.Subnet;

@EmulatorTest
class RouteTableReconcilerEmulatorTest {
    private static final ResourceKey VPC = key("vpc", "main");
    private static final ResourceKey PUBLIC_A = key("subnet", "public-a");
    private static final ResourceKey PUBLIC_B = key("subnet", "public-b");
    private static final ResourceKey PRIVATE_A = key("subnet", "private-a");
    private static final ResourceKey IGW = key("internet-gateway", "main");
    private static final ResourceKey PUBLIC_RT = key("route-table", "public");
    private static final ResourceKey PRIVATE_RT = key("route-table", "private-a");

    private final NetworkRun run = new NetworkRun(g -> graph(g, List.of(PUBLIC_A)));

    /** A VPC, three subnets, an internet gateway, a public table for the given subnets and an isolated private one. */
    static void graph(RegionGraph g, List<ResourceKey> publicSubnets) {
        g.add(VPC, new VpcReconciler(), new VpcSpec("demo-us-east-1", "10.0.0.0/16"));
        g.add(PUBLIC_A, new SubnetReconciler(), new SubnetSpec("demo-public-a", VPC, "10.0.0.0/24", "us-east-1a", true), VPC);
        g.add(PUBLIC_B, new SubnetReconciler(), new SubnetSpec("demo-public-b", VPC, "10.0.1.0/24", "us-east-1b", true), VPC);
        g.add(PRIVATE_A, new SubnetReconciler(), new SubnetSpec("demo-private-a", VPC, "10.0.10.0/24", "us-east-1a", false),
                VPC);
        g.add(IGW, new InternetGatewayReconciler(), new InternetGatewaySpec("demo-igw", VPC), VPC);
        g.add(PUBLIC_RT, new RouteTableReconciler(), new RouteTableSpec("demo-public", VPC, publicSubnets,
                Optional.of(new DefaultRoute(TargetKind.INTERNET_GATEWAY, IGW))), List.of(VPC, IGW, PUBLIC_A, PUBLIC_B));
        g.add(PRIVATE_RT, new RouteTableReconciler(), new RouteTableSpec("demo-private-a", VPC, List.of(PRIVATE_A),
                Optional.empty()), VPC, PRIVATE_A);
    }

    @AfterEach
    void close() {
        run.close();
    }

    @Test
    void basicCreatesRoutesAndAssociations() {
        run.apply();

        RouteTable pub = table("demo-public");
        assertEquals(vpcId(), pub.vpcId());
        assertEquals(Map.of("10.0.0.0/16", "local", "0.0.0.0/0", igwId()), routes(pub));
        assertEquals(List.of(subnetId("demo-public-a")), associated(pub));

        RouteTable priv = table("demo-private-a");
        assertEquals(Map.of("10.0.0.0/16", "local"), routes(priv));
        assertEquals(List.of(subnetId("demo-private-a")), associated(priv));
    }

    @Test
    void secondPlanIsEmpty() {
        run.apply();
        run.assertAllNoop();
    }

    @Test
    void defaultRouteDeletedByHandIsRecreated() {
        run.apply();
        String id = table("demo-public").routeTableId();
        run.ec2().deleteRoute(r -> r.routeTableId(id).destinationCidrBlock("0.0.0.0/0"));

        Change change = run.onlyChange(PUBLIC_RT, Action.UPDATE);
        assertEquals(List.of(FieldChange.of("defaultRoute", "igw:main", "none")), change.fields());
        run.apply();

        assertEquals(igwId(), routes(table("demo-public")).get("0.0.0.0/0"));
        run.assertAllNoop();
    }

    @Test
    void routeAddedByHandIsRemoved() {
        run.apply();
        String id = table("demo-private-a").routeTableId();
        String igw = igwId();
        run.ec2().createRoute(r -> r.routeTableId(id).destinationCidrBlock("192.168.0.0/16").gatewayId(igw));

        Change change = run.onlyChange(PRIVATE_RT, Action.UPDATE);
        assertEquals(List.of(FieldChange.of("extraRoutes", List.of(), List.of("192.168.0.0/16 -> " + igw))),
                change.fields());
        run.apply();

        assertEquals(Map.of("10.0.0.0/16", "local"), routes(table("demo-private-a")));
        run.assertAllNoop();
    }

    @Test
    void associationRemovedByHandIsRestored() {
        run.apply();
        RouteTableAssociation association = table("demo-public").associations().stream()
                .filter(a -> a.subnetId() != null).findFirst().orElseThrow();
        run.ec2().disassociateRouteTable(r -> r.associationId(association.routeTableAssociationId()));

        Change change = run.onlyChange(PUBLIC_RT, Action.UPDATE);
        assertEquals(List.of(FieldChange.of("associations", List.of("public-a"), List.of())), change.fields());
        run.apply();

        assertEquals(List.of(subnetId("demo-public-a")), associated(table("demo-public")));
    }

    @Test
    void subnetAddedToTheSpecIsAssociated() {
        run.apply();
        run.respec(g -> graph(g, List.of(PUBLIC_A, PUBLIC_B)));

        Change change = run.onlyChange(PUBLIC_RT, Action.UPDATE);
        assertEquals(List.of(FieldChange.of("associations", List.of("public-a", "public-b"), List.of("public-a"))),
                change.fields());
        run.apply();

        assertEquals(List.of(subnetId("demo-public-a"), subnetId("demo-public-b")).stream().sorted().toList(),
                associated(table("demo-public")));
        run.assertAllNoop();
    }

    @Test
    void subnetMovedToAnotherTableByHandComesBack() {
        run.apply();
        String privateA = subnetId("demo-private-a");
        RouteTableAssociation association = table("demo-private-a").associations().stream()
                .filter(a -> privateA.equals(a.subnetId())).findFirst().orElseThrow();
        String publicTable = table("demo-public").routeTableId();
        run.ec2().replaceRouteTableAssociation(r -> r.associationId(association.routeTableAssociationId())
                .routeTableId(publicTable));

        List<Change> changes = run.plan().allChanges().stream().filter(c -> c.action().mutates()).toList();
        assertEquals(List.of(PRIVATE_RT, PUBLIC_RT), changes.stream().map(Change::key).sorted().toList());
        run.apply();

        assertEquals(List.of(privateA), associated(table("demo-private-a")));
        assertEquals(List.of(subnetId("demo-public-a")), associated(table("demo-public")));
        run.assertAllNoop();
    }

    @Test
    void deletedByHandIsPlannedAsOneCreate() {
        run.apply();
        RouteTable priv = table("demo-private-a");
        priv.associations().forEach(a -> run.ec2().disassociateRouteTable(r -> r.associationId(a.routeTableAssociationId())));
        run.ec2().deleteRouteTable(r -> r.routeTableId(priv.routeTableId()));

        run.onlyChange(PRIVATE_RT, Action.CREATE);
        run.apply();
        assertEquals(List.of(subnetId("demo-private-a")), associated(table("demo-private-a")));
        run.assertAllNoop();
    }

    @Test
    void destroyLeavesNothingOwned() {
        run.apply();
        run.destroy();
        assertTrue(run.ec2().describeRouteTables(r -> r.filters(owner())).routeTables().isEmpty());
        assertTrue(run.ec2().describeSubnets(r -> r.filters(owner())).subnets().isEmpty());
        assertTrue(run.ec2().describeInternetGateways(r -> r.filters(owner())).internetGateways().isEmpty());
        assertTrue(run.ec2().describeVpcs(r -> r.filters(owner())).vpcs().isEmpty());
    }

    private RouteTable table(String name) {
        List<RouteTable> found = run.ec2().describeRouteTables(r -> r.filters(owner(),
                Filter.builder().name("tag:Name").values(name).build())).routeTables();
        assertEquals(1, found.size(), () -> "route tables named " + name + ": " + found);
        return found.get(0);
    }

    private static Map<String, String> routes(RouteTable t) {
        return t.routes().stream().collect(Collectors.toMap(Route::destinationCidrBlock,
                r -> r.gatewayId() != null ? r.gatewayId() : String.valueOf(r.natGatewayId())));
    }

    private static List<String> associated(RouteTable t) {
        return t.associations().stream().map(RouteTableAssociation::subnetId).filter(s -> s != null).sorted().toList();
    }

    private String subnetId(String name) {
        return run.ec2().describeSubnets(r -> r.filters(owner(), Filter.builder().name("tag:Name").values(name).build()))
                .subnets().stream().map(Subnet::subnetId).findFirst().orElseThrow();
    }

    private String igwId() {
        return run.ec2().describeInternetGateways(r -> r.filters(owner())).internetGateways().get(0).internetGatewayId();
    }

    private String vpcId() {
        return run.ec2().describeVpcs(r -> r.filters(owner())).vpcs().get(0).vpcId();
    }

    private static Filter owner() {
        return Filter.builder().name("tag:" + Tags.OWNER_KEY).values(PROJECT).build();
    }
}
