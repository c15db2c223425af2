package io.devopscli.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.devopscli.lambda.ReplicationHandler;
import io.devopscli.lambda.ReplicationSettings;
import io.devopscli.replication.GitFixture;
import io.devopscli.replication.GitHttpServer;
import io.devopscli.testing.Cli;
import io.devopscli.testing.Emulator;
import io.devopscli.testing.EmulatorTest;
import io.devopscli.testing.RetryBounds;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;

/**
 * Disaster recovery on three regions, end to end: `up` of the whole architecture against the emulator,
 * then `failover`, `replicate`, `status` and `up` again, each checked through separate SDK clients.
 * The emulator's CodeCommit holds no git data, so each region's repository is a real git repository
 * served over HTTP on loopback (GitHttpServer, given with --git-url); moto cannot invoke a Java Lambda, so
 * "pushes flow" runs the replication handler configured exactly as the emulator's function in that region
 * is (its environment, read back with GetFunctionConfiguration), fed the event CodeCommit would publish.
 * ECS on moto registers no tasks with target groups: the tests register IP targets, as ECS does on AWS.
 */
@EmulatorTest
@RetryBounds(boundMillis = 20_000, firstDelayMillis = 100)
class DisasterRecoveryEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> REGIONS = List.of("us-east-1", "us-east-2", "us-west-2");
    private static final String DOMAIN = "shop.acme.test.";
    private static final String LEVEL1 = "dr-shop-failover-1.shop.acme.test.";
    private static final String TOPOLOGY = """
            project: dr-shop
            regions:
              - {name: us-east-1, role: primary, cidr: 10.20.0.0/16}
              - {name: us-east-2, role: secondary, cidr: 10.30.0.0/16}
              - {name: us-west-2, role: secondary, cidr: 10.40.0.0/16}
            network: {azs: 2, natGateways: none, flowLogs: false}
            app:
              name: shop
              port: 8080
              healthCheckPath: /ready
              environments:
                staging:    {desired: 1, min: 1, max: 2}
                production: {desired: 2, min: 2, max: 4}
            pipeline: {repository: dr-repo, branch: main, approval: {email: release@acme.test}}
            alarms: {email: oncall@acme.test}
            failover: {hostedZone: acme.test, domain: shop.acme.test}
            """;

    @TempDir
    Path dir;

    private GitHttpServer git;
    private final Map<String, Repository> repos = new LinkedHashMap<>();
    private Cli cli;

    @BeforeEach
    void setUp() throws Exception {
        Emulator.reset();
        git = GitHttpServer.start(dir.resolve("git"));
        for (String region : REGIONS) {
            repos.put(region, git.create(region + "/dr-repo"));
        }
        cli = new Cli(dir, TOPOLOGY);
        Cli.Result up = cli.run("up", "--yes");
        assertEquals(0, up.code(), up.toString());
        for (String region : REGIONS) {
            registerHealthyTarget(region);
        }
    }

    @AfterEach
    void tearDown() throws Exception {
        git.close();
    }

    @Test
    void allThreeRegionsAreInDnsInOrderAndOnlyTheActiveOneReplicates() throws Exception {
        assertChain("us-east-1", "us-east-2", "us-west-2");
        assertEquals(Map.of("us-east-1", "ENABLED", "us-east-2", "DISABLED", "us-west-2", "DISABLED"), triggers());
        for (String region : REGIONS) {
            Map<String, String> env = functionEnvironment(region);
            assertEquals(region, env.get(ReplicationSettings.SOURCE_REGION));
            assertEquals(String.join(",", REGIONS.stream().filter(r -> !r.equals(region)).toList()),
                    env.get(ReplicationSettings.SECONDARY_REGIONS));
        }

        Cli.Result status = withGit("status", "-o", "json");
        assertEquals(0, status.code(), status.toString());
        JsonNode doc = status.json();
        List<String> chain = new ArrayList<>();
        doc.get("failoverChain").forEach(l -> chain.add(l.get("region").asText() + " " + l.get("health").asText()));
        // moto answers GetHealthCheckStatus with one checker reporting success
        assertEquals(List.of("us-east-1 healthy (1 of 1 checkers)", "us-east-2 healthy (1 of 1 checkers)",
                "us-west-2 healthy (1 of 1 checkers)"), chain);
        assertEquals("us-east-1", doc.get("replication").get("source").asText());
    }

    @Test
    void failoverToTheThirdRegionMakesItFirstMovesTheSourceAndPushesThenFlowFromIt() throws Exception {
        GitFixture.commits(repos.get("us-east-1"), "main", null, 5);
        Cli.Result replicate = withGit("replicate");
        assertEquals(0, replicate.code(), replicate.toString());
        assertTrue(replicate.out().contains("us-east-1 -> us-west-2: 1 created"), replicate.toString());

        Cli.Result over = withGit("failover", "--to", "us-west-2", "--yes", "-o", "json");
        assertEquals(0, over.code(), over.toString());
        JsonNode doc = over.json();
        assertEquals("done", doc.get("outcome").asText(), over.toString());
        List<String> steps = new ArrayList<>();
        doc.get("steps").forEach(s -> steps.add(s.get("step").asInt() + " " + s.get("name").asText() + " "
                + s.get("status").asText()));
        assertEquals(List.of("1 read active region done", "2 check target done", "3 check repository done",
                "4 catch up repository done", "5 scale target done", "6 move traffic done", "7 wait for Route 53 done",
                "8 switch replication source done"), steps);
        assertTrue(doc.get("steps").get(2).get("detail").asText().contains("in sync with us-east-1"), over.toString());
        assertChain("us-west-2", "us-east-1", "us-east-2");
        assertEquals(Map.of("us-east-1", "DISABLED", "us-east-2", "DISABLED", "us-west-2", "ENABLED"), triggers());
        Cli.Result status = withGit("status", "--no-color");
        assertTrue(status.out().contains("Failover chain: us-west-2 [healthy (1 of 1 checkers)] > us-east-1 [healthy"
                + " (1 of 1 checkers)] > us-east-2 [healthy (1 of 1 checkers)]"), status.toString());
        assertTrue(status.out().contains("Replication source: us-west-2 (serves production); triggers: us-east-1 DISABLED,"
                + " us-east-2 DISABLED, us-west-2 ENABLED"), status.toString());
        assertTrue(status.out().matches("(?s).*replication main +ok +in sync at .*"), status.toString());

        // a push to the new active region: its function (as the emulator holds it) mirrors to the others
        ObjectId before = GitFixture.head(repos.get("us-west-2"), "main");
        ObjectId pushed = GitFixture.commits(repos.get("us-west-2"), "main", null, 2);
        ReplicationHandler.Summary summary = handlerOf("us-west-2").handle(pushEvent("us-west-2", pushed, before));
        assertEquals("mirrored", summary.status());
        assertEquals(pushed, GitFixture.head(repos.get("us-east-1"), "main"));
        assertEquals(pushed, GitFixture.head(repos.get("us-east-2"), "main"));
        // the old source's function, were its disabled trigger to fire anyway, ignores the new source's events
        assertEquals("ignored", handlerOf("us-east-1").handle(pushEvent("us-west-2", pushed, before)).status());

        // replicate follows too: without --from it mirrors from the region serving production
        ObjectId more = GitFixture.commits(repos.get("us-west-2"), "main", null, 1);
        Cli.Result again = withGit("replicate");
        assertEquals(0, again.code(), again.toString());
        assertTrue(again.out().contains("us-west-2 -> us-east-1: 0 created, 1 updated"), again.toString());
        assertEquals(more, GitFixture.head(repos.get("us-east-2"), "main"));

        assertUpChangesNothing();
        assertChain("us-west-2", "us-east-1", "us-east-2");
        assertEquals("ENABLED", triggers().get("us-west-2"));
    }

    @Test
    void failingBackBringsTheOldRegionUpToDateFirst() throws Exception {
        GitFixture.commits(repos.get("us-east-1"), "main", null, 3);
        assertEquals(0, withGit("replicate").code());
        assertEquals(0, withGit("failover", "--to", "us-west-2", "--yes").code());
        // pushed while us-east-1 was out: never replicated there
        ObjectId newer = GitFixture.commits(repos.get("us-west-2"), "main", null, 4);

        Cli.Result back = withGit("failover", "--to", "us-east-1", "--yes");
        assertEquals(0, back.code(), back.toString());
        assertTrue(back.out().contains("us-east-1 is behind us-west-2: main behind by 4"), back.toString());
        assertTrue(back.out().contains("us-east-1 brought up to date from us-west-2: 0 created, 1 updated"), back.toString());
        assertEquals(newer, GitFixture.head(repos.get("us-east-1"), "main"));
        assertChain("us-east-1", "us-east-2", "us-west-2");
        assertEquals(Map.of("us-east-1", "ENABLED", "us-east-2", "DISABLED", "us-west-2", "DISABLED"), triggers());
        assertUpChangesNothing();
    }

    @Test
    void failingBackRefusesADivergedOldPrimaryUnlessForced() throws Exception {
        GitFixture.commits(repos.get("us-east-1"), "main", null, 3);
        assertEquals(0, withGit("replicate").code());
        assertEquals(0, withGit("failover", "--to", "us-west-2", "--yes").code());
        ObjectId active = GitFixture.commits(repos.get("us-west-2"), "main", null, 1);
        // a commit that reached us-east-1 only, as if pushed there while it was no longer the source
        ObjectId stray = GitFixture.commit(repos.get("us-east-1"), "main", null, "hotfix.txt", "only in us-east-1");

        Cli.Result refused = withGit("failover", "--to", "us-east-1", "--yes", "-o", "json");
        assertEquals(1, refused.code(), refused.toString());
        assertEquals("refused", refused.json().get("outcome").asText());
        String message = refused.json().get("message").asText();
        assertTrue(message.contains("us-east-1 diverged from us-west-2: main has 1 commit not in us-west-2 ("
                + stray.name().substring(0, 8)), message);
        assertTrue(message.contains("--force"), message);
        assertChain("us-west-2", "us-east-1", "us-east-2");
        assertEquals(stray, GitFixture.head(repos.get("us-east-1"), "main"), "nothing pushed");
        assertEquals("ENABLED", triggers().get("us-west-2"));
        assertUpChangesNothing();

        Cli.Result forced = withGit("failover", "--to", "us-east-1", "--yes", "--force");
        assertEquals(0, forced.code(), forced.toString());
        assertTrue(forced.out().contains("replaced (--force): refs/heads/main was " + stray.name()), forced.toString());
        assertEquals(active, GitFixture.head(repos.get("us-east-1"), "main"));
        assertChain("us-east-1", "us-east-2", "us-west-2");
        assertEquals("ENABLED", triggers().get("us-east-1"));
        assertUpChangesNothing();
    }

    @Test
    void failoverWithoutGitServersSkipsTheRepositoryStepsAndSaysWhy() {
        // against the emulator without --git-url the repositories cannot be read: traffic still moves
        Cli.Result over = cli.run("failover", "--to", "us-east-2", "--yes");
        assertEquals(0, over.code(), over.toString());
        assertTrue(over.out().matches("(?s).*4\\. catch up repository +done .*skipped: repositories unavailable \\(the "
                + "AWS endpoint is an emulator without git.*"), over.toString());
        assertChain("us-east-2", "us-east-1", "us-west-2");
    }

    private void assertUpChangesNothing() {
        Cli.Result up = cli.run("up", "--yes", "-o", "json");
        assertEquals(0, up.code(), up.toString());
        assertFalse(up.json().get("changes").asBoolean(), up.toString());
        assertEquals(0, up.json().get("awsCalls").get("mutating").asInt(), up.toString());
    }

    private Cli.Result withGit(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--cache-dir", dir.resolve("cache").toString()));
        for (String region : REGIONS) {
            all.add("--git-url");
            all.add(region + "=" + git.baseUrl(region));
        }
        return cli.run(all.toArray(String[]::new));
    }

    /** The handler as Lambda would run it in region: the function's environment, plus where git is. */
    private ReplicationHandler handlerOf(String region) {
        Map<String, String> env = new HashMap<>(functionEnvironment(region));
        env.put(ReplicationSettings.CACHE_DIR, dir.resolve("lambda-" + region).toString());
        for (String r : REGIONS) {
            env.put("DEVOPS_CLI_GIT_BASE_URL_" + r.toUpperCase().replace('-', '_'), git.baseUrl(r).toString());
        }
        return new ReplicationHandler(ReplicationSettings.fromEnvironment(env), r -> {
            throw new AssertionError("with git base URL overrides, CodeCommit is not asked");
        }, AnonymousCredentialsProvider.create(), new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    }

    private static JsonNode pushEvent(String region, ObjectId commit, ObjectId old) throws Exception {
        return JSON.readTree("""
                {"version": "0", "id": "e2e", "detail-type": "CodeCommit Repository State Change",
                 "source": "aws.codecommit", "account": "123456789012", "region": "%s",
                 "resources": ["arn:aws:codecommit:%s:123456789012:dr-repo"],
                 "detail": {"event": "referenceUpdated", "repositoryName": "dr-repo", "referenceType": "branch",
                            "referenceName": "main", "referenceFullName": "refs/heads/main",
                            "commitId": "%s", "oldCommitId": "%s"}}
                """.formatted(region, region, commit.name(), old.name()));
    }

    private static Map<String, String> functionEnvironment(String region) {
        try (LambdaClient lambda = Emulator.clients(region).lambda()) {
            return lambda.getFunctionConfiguration(r -> r.functionName("dr-shop-replication")).environment().variables();
        }
    }

    private static Map<String, String> triggers() {
        Map<String, String> states = new HashMap<>();
        for (String region : REGIONS) {
            try (EventBridgeClient events = Emulator.clients(region).events()) {
                states.put(region, events.describeRule(r -> r.name("dr-shop-replication")).stateAsString());
            }
        }
        return states;
    }

    /** The chain through a separate client: level 0 and level 1, each PRIMARY and SECONDARY. */
    private static void assertChain(String first, String second, String third) {
        try (Route53Client r53 = Emulator.clients("us-east-1").route53()) {
            String zone = r53.listHostedZonesByName(r -> r.dnsName("acme.test.")).hostedZones().get(0).id()
                    .replace("/hostedzone/", "");
            List<ResourceRecordSet> all = r53.listResourceRecordSets(r -> r.hostedZoneId(zone)).resourceRecordSets();
            ResourceRecordSet top = only(all, DOMAIN, "PRIMARY");
            assertEquals("dr-shop-" + first, top.setIdentifier());
            assertEquals(dnsOf(first), dns(top.aliasTarget().dnsName()));
            assertEquals(healthCheckOf(r53, first), top.healthCheckId());
            ResourceRecordSet link = only(all, DOMAIN, "SECONDARY");
            assertEquals(LEVEL1, link.aliasTarget().dnsName().toLowerCase().replaceAll("\\.?$", "."));
            assertTrue(link.aliasTarget().evaluateTargetHealth());
            ResourceRecordSet nested = only(all, LEVEL1, "PRIMARY");
            assertEquals("dr-shop-" + second, nested.setIdentifier());
            assertEquals(dnsOf(second), dns(nested.aliasTarget().dnsName()));
            assertEquals(healthCheckOf(r53, second), nested.healthCheckId());
            ResourceRecordSet last = only(all, LEVEL1, "SECONDARY");
            assertEquals("dr-shop-" + third, last.setIdentifier());
            assertEquals(dnsOf(third), dns(last.aliasTarget().dnsName()));
            assertEquals(healthCheckOf(r53, third), last.healthCheckId());
            assertEquals(4, all.stream().filter(rr -> rr.failover() != null).count(), all.toString());
        }
    }

    private static ResourceRecordSet only(List<ResourceRecordSet> all, String name, String role) {
        List<ResourceRecordSet> found = all.stream().filter(rr -> rr.name().equals(name)
                && role.equals(rr.failoverAsString())).toList();
        assertEquals(1, found.size(), name + " " + role + ": " + all);
        return found.get(0);
    }

    private static String healthCheckOf(Route53Client r53, String region) {
        return r53.listHealthChecks().healthChecks().stream()
                .filter(h -> h.healthCheckConfig().fullyQualifiedDomainName().equalsIgnoreCase(dnsOf(region)))
                .findFirst().orElseThrow().id();
    }

    private static String dns(String name) {
        return name.toLowerCase().replaceAll("\\.$", "");
    }

    private static String dnsOf(String region) {
        try (ElasticLoadBalancingV2Client elb = Emulator.clients(region).elbv2()) {
            return elb.describeLoadBalancers(r -> r.names("dr-shop-alb")).loadBalancers().get(0).dnsName().toLowerCase();
        }
    }

    /** What ECS does on AWS when a task starts: register its IP with the service's target group. */
    private static void registerHealthyTarget(String region) {
        try (ElasticLoadBalancingV2Client elb = Emulator.clients(region).elbv2()) {
            String arn = elb.describeTargetGroups(r -> r.names("dr-shop-production")).targetGroups().get(0).targetGroupArn();
            elb.registerTargets(r -> r.targetGroupArn(arn).targets(t -> t.id("10.0.2.10").port(8080)));
        }
    }
}
