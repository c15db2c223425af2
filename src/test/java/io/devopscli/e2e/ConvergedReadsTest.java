package io.devopscli.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.devopscli.testing.Cli;
import io.devopscli.testing.Emulator;
import io.devopscli.testing.EmulatorTest;
import io.devopscli.testing.FaultProxy;
import io.devopscli.testing.RetryBounds;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reads of a converged run (a second up, status --no-live), counted by the tool's own call counter
 * (awsCalls.byOperation of -o json): at most one call per resource, STS once per run, the global
 * services (IAM, the Route 53 zone) once per plan for every region, the tagging API once per region.
 * Each assertion fails if a per-region or per-resource read comes back. A first up's creates are checked for
 * read-backs too.
 */
@EmulatorTest
@RetryBounds(boundMillis = 20_000, firstDelayMillis = 100)
class ConvergedReadsTest {
    @TempDir
    Path dir;

    @BeforeEach
    void reset() {
        Emulator.reset();
    }

    @Test
    void aConvergedUpAndStatusReadAtMostOncePerResource() throws Exception {
        Cli topo = new Cli(dir, Cli.TWO_REGIONS);
        Cli.Result first = topo.run("up", "--yes", "--no-wait", "-o", "json");
        assertEquals(0, first.code(), first.toString());
        // A first up reads once: the lock, seen before the plan and taken unchanged, proves the plan still
        // holds, so nothing is read again under it (one plan: one IAM query, one zone lookup per purpose).
        JsonNode firstCalls = first.json().get("awsCalls").get("byOperation");
        assertEquals(1L, firstCalls.path("Iam GetAccountAuthorizationDetails").asLong(), firstCalls.toString());
        assertEquals(1L, firstCalls.path("Sts GetCallerIdentity").asLong(), firstCalls.toString());
        // Creates take what AWS answered and what a write's success says: no read-back after them.
        int regionsUp = first.json().get("regions").size();
        assertEquals(0L, firstCalls.path("Ecr GetLifecyclePolicy").asLong(), firstCalls.toString());
        assertEquals(regionsUp, firstCalls.path("Ecs DescribeClusters").asLong(), "observe only: " + firstCalls);
        assertEquals(0L, firstCalls.path("Lambda GetFunctionEventInvokeConfig").asLong()
                + firstCalls.path("Lambda GetFunctionConfiguration").asLong(), firstCalls.toString());
        assertEquals(0L, firstCalls.path("CloudWatchLogs DeleteMetricFilter").asLong(), firstCalls.toString());
        assertEquals(0L, firstCalls.path("Sqs GetQueueAttributes").asLong(), firstCalls.toString());
        // the artifact bucket: one tag read shared by observe and the stranger check, whose HeadBucket is
        // the only one (no look before the create, no poll after it)
        assertEquals(regionsUp, firstCalls.path("S3 GetBucketTagging").asLong(), firstCalls.toString());
        assertEquals(regionsUp, firstCalls.path("S3 HeadBucket").asLong(), firstCalls.toString());
        // one lookup each, shared by observe and the stranger check
        assertEquals(regionsUp, firstCalls.path("CodePipeline GetPipeline").asLong(), firstCalls.toString());
        assertEquals(regionsUp, firstCalls.path("CodeCommit GetRepository").asLong(), firstCalls.toString());
        // the permission's look for a statement left by an interrupted run; AddPermission's answer is its state
        assertEquals(regionsUp, firstCalls.path("Lambda GetPolicy").asLong(), firstCalls.toString());
        // one whole-zone read per region's validation records and one for the failover chain
        assertTrue(firstCalls.path("Route53 ListResourceRecordSets").asLong() <= regionsUp + 1, firstCalls.toString());
        // EC2: each type's one describe is the plan's, no create reads back (FirstCreateCallsTest counts per call)
        for (String read : new String[] {"DescribeVpcs", "DescribeSubnets", "DescribeSecurityGroups",
                "DescribeInternetGateways", "DescribeNatGateways", "DescribeAddresses"}) {
            assertEquals(regionsUp, firstCalls.path("Ec2 " + read).asLong(), read + ": " + firstCalls);
        }

        for (String[] command : new String[][] {{"up", "--yes", "-o", "json"}, {"status", "--no-live", "-o", "json"}}) {
            Cli.Result run = topo.run(command);
            assertEquals(0, run.code(), run.toString());
            JsonNode doc = run.json();
            int resources = 0;
            for (JsonNode region : doc.get("regions")) {
                resources += region.get("resources").size();
            }
            int regions = doc.get("regions").size();
            JsonNode calls = doc.get("awsCalls");
            Map<String, Long> by = new TreeMap<>();
            calls.get("byOperation").fields().forEachRemaining(e -> by.put(e.getKey(), e.getValue().asLong()));
            String what = command[0] + ": " + calls.get("total") + " calls for " + resources + " resources " + by;

            assertEquals(0, calls.get("mutating").asLong(), what);
            assertTrue(calls.get("total").asLong() <= resources, what);
            // the preflight's GetCallerIdentity is the run's only one: no STS call per region
            assertEquals(1L, by.getOrDefault("Sts GetCallerIdentity", 0L), what);
            // roles with their policies and tags in one query for every region: no GetRole per role
            assertEquals(1L, by.getOrDefault("Iam GetAccountAuthorizationDetails", 0L), what);
            assertEquals(0L, by.getOrDefault("Iam GetRole", 0L) + by.getOrDefault("Iam GetRolePolicy", 0L), what);
            // one tagging query per region for all its alarms, topics, log groups, load balancers, target groups
            assertEquals((long) regions, by.getOrDefault("ResourceGroupsTaggingApi GetResources", 0L), what);
            // one ListRules per region instead of a DescribeRule per rule
            assertEquals(0L, by.getOrDefault("EventBridge DescribeRule", 0L), what);
            assertEquals((long) regions, by.getOrDefault("EventBridge ListRules", 0L), what);
            // the zone is looked up once for the zone itself and the certificate validations of every region,
            // once for the active region (replication source) of every region
            assertTrue(by.getOrDefault("Route53 ListHostedZonesByName", 0L) <= 2, what);
            // the zone's records read whole once per plan for the failover chain of every level, the
            // certificates' validation records and the zone's foreign records: no lookup per name
            assertEquals(1L, by.getOrDefault("Route53 ListResourceRecordSets", 0L), what);
        }
    }

    @Test
    void aConvergedUpPrintsTheAppLinksFromItsPlanWithoutReadingTheLoadBalancersAgain() throws Exception {
        Cli topo = new Cli(dir, Cli.TWO_REGIONS);
        assertEquals(0, topo.run("up", "--yes", "--no-wait").code());
        Path stats = dir.resolve("calls.json");
        try (FaultProxy counting = FaultProxy.start("--stats", stats.toString())) {
            Cli.Result second = topo.runAt(counting.endpoint(), "up", "--yes");
            assertEquals(0, second.code(), second.toString());
            for (String region : new String[] {"eu-west-1", "eu-central-1"}) {
                assertTrue(second.out().contains(region + "  app: http"), second.out());
            }
            // the plan's DescribeLoadBalancers only: each region's load balancer, and each region's target of
            // the failover records (primary's graph); the links take the plan's DNS names, no third per region
            JsonNode operations = new com.fasterxml.jackson.databind.ObjectMapper().readTree(stats.toFile()).get("operations");
            assertEquals(2 + 2, operations.path("DescribeLoadBalancers").asInt(), operations.toString());
        }
    }
}
