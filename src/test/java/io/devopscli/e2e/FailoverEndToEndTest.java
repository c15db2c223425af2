package io.devopscli.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.devopscli.testing.Cli;
import io.devopscli.testing.Emulator;
import io.devopscli.testing.EmulatorTest;
import io.devopscli.testing.RetryBounds;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;

/**
 * `failover --to` against the emulator after a real `up` of the whole architecture in two regions,
 * checked through separate Route 53 and ELBv2 clients. ECS on moto registers no tasks with target
 * groups, so the tests register IP targets themselves, as ECS does on AWS (moto reports registered
 * targets healthy); moto's running count is MOTO_ECS_SERVICE_RUNNING (2 from scripts/emulator.sh).
 */
@EmulatorTest
@RetryBounds(boundMillis = 20_000, firstDelayMillis = 100)
class FailoverEndToEndTest {
    private static final String TOPOLOGY = """
            project: fo-shop
            regions:
              - {name: us-east-1, role: primary, cidr: 10.20.0.0/16}
              - {name: us-east-2, role: secondary, cidr: 10.30.0.0/16}
            network: {azs: 2, natGateways: single, flowLogs: false}
            app:
              name: shop
              port: 8080
              healthCheckPath: /ready
              environments:
                staging:    {desired: 1, min: 1, max: 2}
                production: {desired: 2, min: 2, max: 4}
            pipeline: {approval: {email: release@acme.test}}
            alarms: {email: oncall@acme.test}
            failover: {hostedZone: acme.test, domain: shop.acme.test}
            """;

    @TempDir
    Path dir;

    @BeforeEach
    void reset() {
        Emulator.reset();
    }

    @Test
    void failoverToTheSecondaryAndBackSwapsTheRecordsAndTimesEachStep() throws Exception {
        Cli topo = new Cli(dir, TOPOLOGY);
        Cli.Result up = topo.run("up", "--yes");
        assertEquals(0, up.code(), up.toString());
        registerHealthyTargets("us-east-1", "10.20.2.10");
        registerHealthyTargets("us-east-2", "10.30.2.10");
        assertEquals("fo-shop-us-east-1", primaryRecord().setIdentifier());

        Cli.Result dry = topo.run("failover", "--to", "us-east-2", "--dry-run", "-o", "json");
        assertEquals(0, dry.code(), dry.toString());
        assertEquals("dry_run", dry.json().get("outcome").asText());
        assertEquals(List.of("done", "done", "done", "planned", "planned", "planned", "planned", "planned"),
                statuses(dry.json()));
        assertEquals("fo-shop-us-east-1", primaryRecord().setIdentifier(), "a dry run changes nothing");

        Cli.Result over = topo.run("failover", "--to", "us-east-2", "--yes", "-o", "json");
        assertEquals(0, over.code(), over.toString());
        assertSteps(over.json(), "us-east-1", "us-east-2");
        ResourceRecordSet primary = primaryRecord();
        assertEquals("fo-shop-us-east-2", primary.setIdentifier());
        assertEquals(dnsOf("us-east-2"), primary.aliasTarget().dnsName().toLowerCase().replaceAll("\\.$", ""));
        assertEquals("fo-shop-us-east-1", record("SECONDARY").setIdentifier());

        Cli.Result again = topo.run("failover", "--to", "us-east-2", "--yes");
        assertEquals(0, again.code(), again.toString());
        assertTrue(again.out().contains("us-east-2 already serves production"), again.toString());

        // the active region is Route 53's to say: up finds nothing to change and does not swap back
        Cli.Result upAfter = topo.run("up", "--yes", "-o", "json");
        assertEquals(0, upAfter.code(), upAfter.toString());
        assertFalse(upAfter.json().get("changes").asBoolean(), upAfter.toString());
        assertEquals("fo-shop-us-east-2", primaryRecord().setIdentifier());

        Cli.Result back = topo.run("failover", "--to", "us-east-1", "--yes");
        assertEquals(0, back.code(), back.toString());
        assertTrue(back.out().contains("Recovery time: "), back.toString());
        for (String step : List.of("1. read active region", "2. check target", "3. check repository",
                "4. catch up repository", "5. scale target", "6. move traffic", "7. wait for Route 53",
                "8. switch replication source")) {
            assertTrue(back.out().contains(step), step + " missing: " + back);
        }
        assertEquals("fo-shop-us-east-1", primaryRecord().setIdentifier());
        assertEquals("fo-shop-us-east-2", record("SECONDARY").setIdentifier());
    }

    @Test
    void anUnhealthyTargetIsRefusedUnlessForced() throws Exception {
        // production needs 3 running tasks; moto runs 2, and no targets are registered in us-east-2
        Cli topo = new Cli(dir, TOPOLOGY.replace("production: {desired: 2, min: 2, max: 4}",
                "production: {desired: 3, min: 3, max: 4}"));
        Cli.Result up = topo.run("up", "--yes");
        assertEquals(0, up.code(), up.toString());

        // a dry run the real run would refuse must not read as a green light to a script
        Cli.Result dryRefused = topo.run("failover", "--to", "us-east-2", "--dry-run");
        assertEquals(1, dryRefused.code(), dryRefused.toString());
        assertTrue(dryRefused.out().contains("the target would be refused without --force"), dryRefused.toString());
        assertEquals(0, topo.run("failover", "--to", "us-east-2", "--dry-run", "--force").code(), "--force would go on");

        Cli.Result refused = topo.run("failover", "--to", "us-east-2", "--yes", "-o", "json");
        assertEquals(1, refused.code(), refused.toString());
        assertEquals("refused", refused.json().get("outcome").asText());
        String message = refused.json().get("message").asText();
        assertTrue(message.contains("shop-production runs 2 tasks, below its minimum of 3"), message);
        assertTrue(message.contains("target group fo-shop-production has no healthy targets"), message);
        // the repository check still runs (read-only), so the report says everything that stands in the way
        assertEquals(List.of("done", "failed", "done"), statuses(refused.json()));
        assertEquals("fo-shop-us-east-1", primaryRecord().setIdentifier(), "nothing changed");

        Cli.Result forced = topo.run("failover", "--to", "us-east-2", "--yes", "--force");
        assertEquals(0, forced.code(), forced.toString());
        assertTrue(forced.out().contains("going on (--force)"), forced.toString());
        assertEquals("fo-shop-us-east-2", primaryRecord().setIdentifier());
    }

    private static void assertSteps(JsonNode doc, String from, String to) {
        assertEquals("done", doc.get("outcome").asText(), doc.toString());
        assertEquals(from, doc.get("from").asText());
        assertEquals(to, doc.get("to").asText());
        assertEquals(List.of("done", "done", "done", "done", "done", "done", "done", "done"), statuses(doc));
        long sum = 0;
        for (JsonNode step : doc.get("steps")) {
            assertTrue(step.get("millis").asLong() >= 0, step.toString());
            assertFalse(step.get("detail").asText().isEmpty(), step.toString());
            sum += step.get("millis").asLong();
        }
        assertEquals(sum, doc.get("totalMillis").asLong());
    }

    private static List<String> statuses(JsonNode doc) {
        List<String> statuses = new java.util.ArrayList<>();
        doc.get("steps").forEach(s -> statuses.add(s.get("status").asText()));
        return statuses;
    }

    /** What ECS does on AWS when a task starts: register its IP with the service's target group. */
    private static void registerHealthyTargets(String region, String ip) {
        try (ElasticLoadBalancingV2Client elb = Emulator.clients(region).elbv2()) {
            String arn = elb.describeTargetGroups(r -> r.names("fo-shop-production")).targetGroups().get(0).targetGroupArn();
            elb.registerTargets(r -> r.targetGroupArn(arn).targets(t -> t.id(ip).port(8080)));
        }
    }

    private static String dnsOf(String region) {
        try (ElasticLoadBalancingV2Client elb = Emulator.clients(region).elbv2()) {
            return elb.describeLoadBalancers(r -> r.names("fo-shop-alb")).loadBalancers().get(0).dnsName().toLowerCase();
        }
    }

    private static ResourceRecordSet primaryRecord() {
        return record("PRIMARY");
    }

    private static ResourceRecordSet record(String role) {
        try (Route53Client r53 = Emulator.clients("us-east-1").route53()) {
            String zone = r53.listHostedZonesByName(r -> r.dnsName("acme.test.")).hostedZones().get(0).id().replace("/hostedzone/", "");
            List<ResourceRecordSet> found = r53.listResourceRecordSets(r -> r.hostedZoneId(zone)).resourceRecordSets()
                    .stream().filter(rr -> rr.name().equals("shop.acme.test.") && role.equals(rr.failoverAsString()))
                    .toList();
            assertEquals(1, found.size(), role + ": " + found);
            return found.get(0);
        }
    }
}
