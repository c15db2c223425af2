package io.devopscli.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.devopscli.testing.Cli;
import io.devopscli.testing.Emulator;
import io.devopscli.testing.EmulatorTest;
import io.devopscli.testing.RetryBounds;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.IpRange;
import software.amazon.awssdk.services.ec2.model.NatGatewayState;
import software.amazon.awssdk.services.ec2.model.RouteTable;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;
import software.amazon.awssdk.services.ec2.model.Vpc;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;

/**
 * The CLI end to end against the emulator, checked through separate SDK clients rather than the tool's
 * own view: two and three regions with non-default names and CIDRs, idempotency, drift and repair, and a
 * down that spares what is not ours.
 */
@EmulatorTest
@RetryBounds(boundMillis = 20_000, firstDelayMillis = 100)
class EndToEndTest {
    @TempDir
    Path dir;

    @BeforeEach
    void reset() {
        Emulator.reset();
    }

    private static final String THREE_REGIONS = Cli.TWO_REGIONS
            .replace("project: acme-shop", "project: trio")
            .replace("  - {name: eu-central-1, role: secondary, cidr: 10.30.0.0/16}",
                    "  - {name: eu-central-1, role: secondary, cidr: 10.30.0.0/16}\n"
                            + "  - {name: ap-southeast-2, role: secondary, cidr: 172.16.0.0/20}")
            .replace("natGateways: per-az", "natGateways: single");

    private static Filter owned(String project) {
        return Filter.builder().name("tag:devops-cli:project").values(project).build();
    }

    @Test
    void twoRegionsComeUpAreIdempotentRepairDriftAndGoDown() throws Exception {
        Cli topo = new Cli(dir, Cli.TWO_REGIONS);

        Cli.Result first = topo.run("up", "--yes");
        assertEquals(0, first.code(), first.toString());
        assertTrue(first.out().contains("Apply complete"), first.toString());

        for (String region : List.of("eu-west-1", "eu-central-1")) {
            String cidr = region.equals("eu-west-1") ? "10.20" : "10.30";
            try (Ec2Client ec2 = ec2(region)) {
                Vpc vpc = ec2.describeVpcs(r -> r.filters(owned("acme-shop"))).vpcs().get(0);
                assertEquals(cidr + ".0.0/16", vpc.cidrBlock());
                assertEquals(List.of(cidr + ".0.0/24", cidr + ".1.0/24", cidr + ".2.0/24", cidr + ".3.0/24"),
                        ec2.describeSubnets(r -> r.filters(owned("acme-shop"))).subnets().stream()
                                .map(s -> s.cidrBlock()).sorted().toList());
                assertEquals(2, liveNatGateways(ec2, vpc.vpcId()));
                assertEquals(1, ec2.describeInternetGateways(r -> r.filters(owned("acme-shop"))).internetGateways()
                        .get(0).attachments().size());
                assertEquals(1, ec2.describeFlowLogs(r -> r.filter(Filter.builder().name("resource-id")
                        .values(vpc.vpcId()).build())).flowLogs().size());
                SecurityGroup service = group(ec2, "acme-shop-service-sg");
                assertEquals(9090, service.ipPermissions().get(0).fromPort());
                assertEquals(group(ec2, "acme-shop-alb-sg").groupId(),
                        service.ipPermissions().get(0).userIdGroupPairs().get(0).groupId());
            }
        }

        Cli.Result second = topo.run("up", "--yes", "-o", "json");
        assertEquals(0, second.code(), second.toString());
        assertFalse(second.json().get("changes").asBoolean(), second.toString());
        assertEquals(0, second.json().get("awsCalls").get("mutating").asInt(), "second up mutates nothing: " + second);

        // Drift by hand: SSH opened on the load balancer's group, the private default route deleted.
        String albGroup;
        try (Ec2Client ec2 = ec2("eu-west-1")) {
            albGroup = group(ec2, "acme-shop-alb-sg").groupId();
            ec2.authorizeSecurityGroupIngress(r -> r.groupId(albGroup).ipPermissions(IpPermission.builder()
                    .ipProtocol("tcp").fromPort(22).toPort(22).ipRanges(IpRange.builder().cidrIp("0.0.0.0/0").build())
                    .build()));
            RouteTable privateRt = routeTable(ec2, "acme-shop-private-rt-eu-west-1a");
            ec2.deleteRoute(r -> r.routeTableId(privateRt.routeTableId()).destinationCidrBlock("0.0.0.0/0"));
        }

        Cli.Result drift = topo.run("status", "--detailed-exitcode");
        assertEquals(2, drift.code(), drift.toString());
        assertTrue(drift.out().contains("ec2/security-group alb"), drift.toString());
        assertTrue(drift.out().contains("tcp 22"), "the opened port is named: " + drift);
        assertTrue(drift.out().contains("private-eu-west-1a"), drift.toString());

        Cli.Result driftJson = topo.run("status", "-o", "json");
        assertEquals(0, driftJson.code(), "without --detailed-exitcode drift is exit 0: " + driftJson);
        assertFalse(driftJson.json().get("inSync").asBoolean());

        Cli.Result repair = topo.run("up", "--yes");
        assertEquals(0, repair.code(), repair.toString());
        Cli.Result clean = topo.run("status", "--detailed-exitcode");
        assertEquals(0, clean.code(), clean.toString());
        try (Ec2Client ec2 = ec2("eu-west-1")) {
            assertTrue(group(ec2, "acme-shop-alb-sg").ipPermissions().stream().noneMatch(p -> p.fromPort() == 22),
                    "the hand-opened port is revoked");
            assertTrue(routeTable(ec2, "acme-shop-private-rt-eu-west-1a").routes().stream()
                    .anyMatch(r -> "0.0.0.0/0".equals(r.destinationCidrBlock()) && r.natGatewayId() != null),
                    "the deleted route is back");
        }

        // down spares a VPC that lacks the ownership tag.
        String untagged;
        try (Ec2Client ec2 = ec2("eu-west-1")) {
            untagged = ec2.createVpc(r -> r.cidrBlock("10.99.0.0/16")).vpc().vpcId();
        }
        Cli.Result down = topo.run("down", "--yes");
        assertEquals(0, down.code(), down.toString());
        for (String region : List.of("eu-west-1", "eu-central-1")) {
            try (Ec2Client ec2 = ec2(region)) {
                assertEquals(0, ec2.describeVpcs(r -> r.filters(owned("acme-shop"))).vpcs().size(), region);
                assertEquals(0, ec2.describeSubnets(r -> r.filters(owned("acme-shop"))).subnets().size(), region);
                assertEquals(0, ec2.describeSecurityGroups(r -> r.filters(owned("acme-shop"))).securityGroups().size());
                assertEquals(0, ec2.describeAddresses(r -> r.filters(owned("acme-shop"))).addresses().size(), region);
                assertEquals(0, ec2.describeInternetGateways(r -> r.filters(owned("acme-shop"))).internetGateways().size());
                assertEquals(0, ec2.describeRouteTables(r -> r.filters(owned("acme-shop"))).routeTables().size());
            }
            try (CloudWatchLogsClient logs = Emulator.clients(region).logs()) {
                assertEquals(0, logs.describeLogGroups(r -> r.logGroupNamePrefix("/acme-shop/")).logGroups().size());
            }
        }
        try (Ec2Client ec2 = ec2("eu-west-1")) {
            assertEquals(1, ec2.describeVpcs(r -> r.vpcIds(untagged)).vpcs().size(), "the untagged VPC survives");
        }
        try (IamClient iam = Emulator.clients("us-east-1").iam()) {
            assertTrue(iam.listRoles().roles().stream().noneMatch(r -> r.roleName().startsWith("acme-shop-")));
        }
        Cli.Result afterDown = topo.run("status", "--detailed-exitcode", "-o", "json");
        assertEquals(2, afterDown.code(), "everything is missing again: " + afterDown);
    }

    @Test
    void threeRegionsWithASingleNatGatewayEach() throws Exception {
        Cli topo = new Cli(dir, THREE_REGIONS);

        Cli.Result up = topo.run("up", "--yes", "-o", "json");
        assertEquals(0, up.code(), up.toString());
        assertEquals(3, up.json().get("regions").size());

        for (String region : List.of("eu-west-1", "eu-central-1", "ap-southeast-2")) {
            try (Ec2Client ec2 = ec2(region)) {
                Vpc vpc = ec2.describeVpcs(r -> r.filters(owned("trio"))).vpcs().get(0);
                assertEquals(1, liveNatGateways(ec2, vpc.vpcId()), region);
                long privateDefaultRoutes = ec2.describeRouteTables(r -> r.filters(owned("trio"))).routeTables().stream()
                        .filter(rt -> rt.routes().stream().anyMatch(route -> route.natGatewayId() != null)).count();
                assertEquals(2, privateDefaultRoutes, "both private subnets route through the one NAT gateway");
            }
        }
        try (Ec2Client ec2 = ec2("ap-southeast-2")) {
            assertEquals(List.of("172.16.0.0/24", "172.16.1.0/24", "172.16.2.0/24", "172.16.3.0/24"),
                    ec2.describeSubnets(r -> r.filters(owned("trio"))).subnets().stream()
                            .map(s -> s.cidrBlock()).sorted().toList());
        }

        Cli.Result second = topo.run("status", "--detailed-exitcode");
        assertEquals(0, second.code(), second.toString());

        // A run limited to the primary still sees every region of the topology: the failover records,
        // which name the secondaries' load balancers, are in sync rather than rewritten.
        Cli.Result primaryOnly = topo.run("up", "--yes", "--regions", "eu-west-1", "-o", "json");
        assertEquals(0, primaryOnly.code(), primaryOnly.toString());
        assertFalse(primaryOnly.json().get("changes").asBoolean(), primaryOnly.toString());

        Cli.Result onlyOne = topo.run("down", "--yes", "--regions", "eu-central-1");
        assertEquals(0, onlyOne.code(), onlyOne.toString());
        try (Ec2Client ec2 = ec2("eu-central-1")) {
            assertEquals(0, ec2.describeVpcs(r -> r.filters(owned("trio"))).vpcs().size());
        }
        try (Ec2Client ec2 = ec2("eu-west-1")) {
            assertEquals(1, ec2.describeVpcs(r -> r.filters(owned("trio"))).vpcs().size(), "other regions untouched");
        }
    }

    private static Ec2Client ec2(String region) {
        return Emulator.clients(region).ec2();
    }

    private static long liveNatGateways(Ec2Client ec2, String vpcId) {
        return ec2.describeNatGateways().natGateways().stream()
                .filter(n -> vpcId.equals(n.vpcId()))
                .filter(n -> n.state() == NatGatewayState.AVAILABLE || n.state() == NatGatewayState.PENDING)
                .count();
    }

    private static SecurityGroup group(Ec2Client ec2, String name) {
        return ec2.describeSecurityGroups(r -> r.filters(Filter.builder().name("tag:Name").values(name).build()))
                .securityGroups().get(0);
    }

    private static RouteTable routeTable(Ec2Client ec2, String name) {
        return ec2.describeRouteTables(r -> r.filters(Filter.builder().name("tag:Name").values(name).build()))
                .routeTables().get(0);
    }
}
