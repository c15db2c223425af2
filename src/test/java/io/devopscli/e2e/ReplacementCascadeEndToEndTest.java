package io.devopscli.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.devopscli.testing.Cli;
import io.devopscli.testing.EmulatorTest;
import io.devopscli.testing.RetryBounds;
import io.devopscli.testing.Emulator;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Subnet;
import software.amazon.awssdk.services.ec2.model.Vpc;

/**
 * A changed VPC CIDR in the topology replaces the VPC and everything in it, on the emulator, in the primary
 * region (after one up of both, --regions keeps the rest fast): the dry run lists the whole cascade with its reasons and changes nothing; the
 * apply (with --allow-replace) leaves one VPC with the new CIDR and everything in it, the old one gone, no
 * duplicates; a second up makes zero mutating calls (the tool's own call counter, as -o json reports it).
 * The result is read through a separate SDK client, not through the tool's own view.
 */
@EmulatorTest
@RetryBounds(boundMillis = 5_000, firstDelayMillis = 100)
class ReplacementCascadeEndToEndTest {
    private static final String REGION = "eu-west-1";
    private static final String OLD_CIDR = "10.20.0.0/16";
    private static final String NEW_CIDR = "10.25.0.0/16";
    private static final String OWNER = "tag:devops-cli:project";

    @TempDir
    Path dir;

    @BeforeEach
    void reset() {
        Emulator.reset();
    }

    @Test
    void aVpcCidrChangeReplacesTheVpcAndEverythingInIt() throws Exception {
        Cli before = new Cli(dir, Cli.TWO_REGIONS);
        // both regions once: the primary's failover records name the secondary's load balancer too
        Cli.Result first = before.run("up", "--yes");
        assertEquals(0, first.code(), first.toString());
        Vpc oldVpc = ownedVpcs().get(0);
        String oldLb = loadBalancerArn();
        Cli after = new Cli(dir, Cli.TWO_REGIONS.replace(OLD_CIDR, NEW_CIDR));

        // the dry run: the whole cascade with its reasons, and not one mutating call
        Cli.Result dry = after.run("up", "--dry-run", "-o", "json", "--regions", REGION);
        assertEquals(0, dry.code(), dry.toString());
        assertEquals(0, dry.json().path("awsCalls").path("mutating").asInt(), dry.toString());
        Map<String, JsonNode> planned = resources(dry.json());
        JsonNode vpc = planned.get("ec2/vpc vpc");
        assertEquals("replace", vpc.get("action").asText(), vpc.toString());
        assertEquals("", vpc.get("reason").asText(), "replaced for its own cidr: " + vpc);
        for (String inside : List.of("ec2/subnet public-eu-west-1a", "ec2/subnet private-eu-west-1b",
                "ec2/internet-gateway igw", "ec2/route-table public", "ec2/route-table private-eu-west-1a",
                "ec2/nat-gateway eu-west-1a", "ec2/security-group alb", "ec2/security-group service", "ec2/flow-log vpc",
                "elbv2/load-balancer alb", "elbv2/target-group staging", "elbv2/target-group production",
                "elbv2/listener https", "elbv2/listener-rule staging", "ecs/service staging", "ecs/service production",
                "autoscaling/scalable-target production", "autoscaling/scaling-policy production-cpu")) {
            JsonNode r = planned.get(inside);
            assertEquals("replace", r.get("action").asText(), inside + ": " + r);
            assertTrue(r.get("reason").asText().startsWith("replaced because "), inside + ": " + r);
            assertEquals("ec2/vpc vpc", r.get("cascadeRoot").asText(), inside + ": " + r);
        }
        assertEquals("replaced because ec2/vpc vpc is replaced", planned.get("ec2/subnet public-eu-west-1a")
                .get("reason").asText());
        JsonNode records = planned.get("route53/failover-records app");
        assertEquals("update", records.get("action").asText(), records.toString());
        assertEquals("re-pointed because elbv2/load-balancer alb is replaced", records.get("reason").asText());
        JsonNode alarm = planned.get("cloudwatch/alarm production-target-5xx");
        assertEquals("update", alarm.get("action").asText(), alarm.toString());
        assertTrue(alarm.get("reason").asText().startsWith("re-pointed because elbv2/"), alarm.toString());
        assertEquals("noop", planned.get("codepipeline/pipeline main").get("action").asText(),
                "the pipeline names the services, which keep their names");
        assertEquals("noop", planned.get("ecr/repository app").get("action").asText());
        Cli.Result table = after.run("up", "--dry-run", "--regions", REGION);
        assertTrue(table.out().contains("replaced because ec2/vpc vpc is replaced"), table.toString());
        assertTrue(table.out().contains("Dry run: nothing was changed."), table.toString());
        assertEquals(List.of(oldVpc.vpcId()), ownedVpcs().stream().map(Vpc::vpcId).toList(), "the dry run changed nothing");
        assertEquals(oldLb, loadBalancerArn());

        Cli.Result applied = after.run("up", "--yes", "--allow-replace", "--regions", REGION);
        assertEquals(0, applied.code(), applied.toString());

        List<Vpc> vpcs = ownedVpcs();
        assertEquals(1, vpcs.size(), "no duplicate and the old one gone: " + vpcs);
        Vpc newVpc = vpcs.get(0);
        assertEquals(NEW_CIDR, newVpc.cidrBlock());
        assertNotEquals(oldVpc.vpcId(), newVpc.vpcId());
        try (var aws = Emulator.clients(REGION)) {
            assertTrue(aws.ec2().describeVpcs(r -> r.filters(Filter.builder().name("vpc-id").values(oldVpc.vpcId()).build()))
                    .vpcs().isEmpty(), "the old VPC is deleted");
            List<Subnet> subnets = aws.ec2().describeSubnets(r -> r.filters(owner())).subnets();
            assertEquals(4, subnets.size(), subnets.toString());
            for (Subnet s : subnets) {
                assertEquals(newVpc.vpcId(), s.vpcId(), s.toString());
                assertTrue(s.cidrBlock().startsWith("10.25."), s.toString());
            }
            Set<String> subnetIds = subnets.stream().map(Subnet::subnetId).collect(Collectors.toSet());
            assertEquals(2, aws.ec2().describeNatGateways(r -> r.filter(Filter.builder().name("vpc-id")
                    .values(newVpc.vpcId()).build())).natGateways().stream()
                    .filter(n -> !"deleted".equals(n.stateAsString())).count());
            assertEquals(1, aws.ec2().describeInternetGateways(r -> r.filters(owner())).internetGateways().size());
            assertEquals(newVpc.vpcId(), aws.ec2().describeInternetGateways(r -> r.filters(owner())).internetGateways()
                    .get(0).attachments().get(0).vpcId());
            var groups = aws.ec2().describeSecurityGroups(r -> r.filters(owner())).securityGroups();
            assertEquals(2, groups.size(), groups.toString());
            groups.forEach(g -> assertEquals(newVpc.vpcId(), g.vpcId(), g.toString()));
            var lbs = aws.elbv2().describeLoadBalancers().loadBalancers();
            assertEquals(1, lbs.size(), lbs.toString());
            assertEquals(newVpc.vpcId(), lbs.get(0).vpcId());
            assertNotEquals(oldLb, lbs.get(0).loadBalancerArn());
            var groupsOfTargets = aws.elbv2().describeTargetGroups().targetGroups();
            assertEquals(2, groupsOfTargets.size(), groupsOfTargets.toString());
            groupsOfTargets.forEach(t -> assertEquals(newVpc.vpcId(), t.vpcId(), t.toString()));
            assertEquals(2, aws.elbv2().describeListeners(r -> r.loadBalancerArn(lbs.get(0).loadBalancerArn()))
                    .listeners().size());
            var cluster = aws.ecs().listClusters().clusterArns().get(0);
            var services = aws.ecs().describeServices(r -> r.cluster(cluster)
                    .services(aws.ecs().listServices(l -> l.cluster(cluster)).serviceArns())).services();
            assertEquals(2, services.stream().filter(s -> "ACTIVE".equals(s.status())).count(), services.toString());
            for (var s : services) {
                assertTrue(subnetIds.containsAll(s.networkConfiguration().awsvpcConfiguration().subnets()), s.toString());
                assertTrue(groupsOfTargets.stream().anyMatch(t -> t.targetGroupArn()
                        .equals(s.loadBalancers().get(0).targetGroupArn())), s.toString());
            }
            // re-pointed: every alarm on the load balancer names the new one
            String suffix = lbs.get(0).loadBalancerArn().substring(lbs.get(0).loadBalancerArn().indexOf(":loadbalancer/") + 14);
            List<String> dims = new ArrayList<>();
            aws.cloudwatch().describeAlarms().metricAlarms().forEach(a -> a.dimensions().stream()
                    .filter(d -> d.name().equals("LoadBalancer")).forEach(d -> dims.add(d.value())));
            assertFalse(dims.isEmpty());
            dims.forEach(d -> assertEquals(suffix, d));
            // re-pointed: the failover record of this region aliases the new load balancer
            String zone = aws.route53().listHostedZonesByName(r -> r.dnsName("acme.test")).hostedZones().get(0).id().replace("/hostedzone/", "");
            List<String> aliases = aws.route53().listResourceRecordSets(r -> r.hostedZoneId(zone)).resourceRecordSets()
                    .stream().filter(rs -> rs.aliasTarget() != null && ("acme-shop-" + REGION).equals(rs.setIdentifier()))
                    .map(rs -> rs.aliasTarget().dnsName().toLowerCase().replaceAll("\\.$", "")).toList();
            assertFalse(aliases.isEmpty(), "a record of " + REGION);
            aliases.forEach(a -> assertEquals(lbs.get(0).dnsName().toLowerCase(), a));
        }

        Cli.Result again = after.run("up", "--yes", "-o", "json", "--regions", REGION);
        assertEquals(0, again.code(), again.toString());
        assertFalse(again.json().path("changes").asBoolean(), again.toString());
        assertEquals(0, again.json().path("awsCalls").path("mutating").asInt(), again.toString());
    }

    /**
     * A secondary region's CIDR change: its load balancer is replaced, and the primary's failover records,
     * which read it by name from another region's graph, are re-pointed in the same run, after it exists.
     */
    @Test
    void aSecondaryRegionsNewLoadBalancerIsRepointedByThePrimarysRecords() throws Exception {
        Cli before = new Cli(dir, Cli.TWO_REGIONS);
        assertEquals(0, before.run("up", "--yes").code());
        Cli after = new Cli(dir, Cli.TWO_REGIONS.replace("10.30.0.0/16", "10.35.0.0/16"));

        Cli.Result dry = after.run("up", "--dry-run", "-o", "json");
        JsonNode records = null;
        for (JsonNode r : dry.json().get("regions").get(0).get("resources")) {
            if (r.get("type").asText().equals("route53/failover-records")) {
                records = r;
            }
        }
        assertEquals("update", records.get("action").asText(), records.toString());
        assertEquals("re-pointed because elbv2/load-balancer alb in eu-central-1 is replaced",
                records.get("reason").asText());

        Cli.Result applied = after.run("up", "--yes", "--allow-replace");
        assertEquals(0, applied.code(), applied.toString());
        try (var central = Emulator.clients("eu-central-1"); var aws = Emulator.clients(REGION)) {
            var lbs = central.elbv2().describeLoadBalancers().loadBalancers();
            assertEquals(1, lbs.size(), lbs.toString());
            String zone = aws.route53().listHostedZonesByName(r -> r.dnsName("acme.test")).hostedZones().get(0).id()
                    .replace("/hostedzone/", "");
            List<String> aliases = aws.route53().listResourceRecordSets(r -> r.hostedZoneId(zone)).resourceRecordSets()
                    .stream().filter(rs -> rs.aliasTarget() != null && "acme-shop-eu-central-1".equals(rs.setIdentifier()))
                    .map(rs -> rs.aliasTarget().dnsName().toLowerCase().replaceAll("\\.$", "")).toList();
            assertFalse(aliases.isEmpty());
            aliases.forEach(a -> assertEquals(lbs.get(0).dnsName().toLowerCase(), a));
        }
        Cli.Result again = after.run("up", "--yes", "-o", "json");
        assertEquals(0, again.json().path("awsCalls").path("mutating").asInt(), again.toString());
    }

    private static Map<String, JsonNode> resources(JsonNode doc) {
        Map<String, JsonNode> byKey = new HashMap<>();
        for (JsonNode r : doc.get("regions").get(0).get("resources")) {
            byKey.put(r.get("type").asText() + " " + r.get("name").asText(), r);
        }
        return byKey;
    }

    private static Filter owner() {
        return Filter.builder().name(OWNER).values("acme-shop").build();
    }

    private static List<Vpc> ownedVpcs() {
        try (var aws = Emulator.clients(REGION)) {
            return aws.ec2().describeVpcs(r -> r.filters(owner())).vpcs();
        }
    }

    private static String loadBalancerArn() {
        try (var aws = Emulator.clients(REGION)) {
            return aws.elbv2().describeLoadBalancers().loadBalancers().get(0).loadBalancerArn();
        }
    }
}
